import { z } from 'zod';
import { parseBeDate } from '@/lib/format/be-date';
import { fiscalYearRange } from '@/lib/format/fiscal-year';
import { parseReceiptCode } from '@/lib/reference';
import { SERVICE_POINT_SLUG, SUGGESTION_CATEGORIES } from '@/lib/responses/options';

/**
 * The inbox's filters live in the URL (so a view can be shared): each parameter is validated on its own, so one bad
 * value is reported and ignored without losing the others. A fiscal year (B.E.) stands for its date range unless
 * from/to are given.
 */

export const SUGGESTION_STATUSES = [
  'new',
  'acknowledged',
  'assigned',
  'in_progress',
  'resolved',
  'declined',
  'duplicate',
  'not_responsible',
] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

// Typed as วว/ดด/ปปปป (B.E., Thai or Arabic digits) in the filter form, or ISO in an older link: always ISO onwards.
const isoDate = z.string().transform((v, ctx) => {
  const parsed = parseBeDate(v);
  if (!parsed.ok || !parsed.iso) {
    ctx.issues.push({ code: 'custom', message: 'invalid_value', input: v });
    return z.NEVER;
  }
  return parsed.iso;
});

const fields = {
  status: z.enum(SUGGESTION_STATUSES),
  category: z.enum(SUGGESTION_CATEGORIES),
  division: z.union([z.literal('none'), z.string().regex(SERVICE_POINT_SLUG)]),
  point: z.string().regex(SERVICE_POINT_SLUG),
  rating: z.coerce.number().int().min(1).max(5),
  fy: z.coerce.number().int().min(2550).max(2700),
  from: isoDate,
  to: isoDate,
  q: z.string().trim().min(1).max(100),
  before: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})\|\d{1,18}$/),
};

export type InboxParams = { [K in keyof typeof fields]?: z.infer<(typeof fields)[K]> };

export interface ParsedInboxFilter {
  params: InboxParams;
  invalid: string[];
  /** The filter as public.inbox takes it. */
  query: Record<string, unknown>;
}

export function parseInboxFilter(search: Record<string, string | string[] | undefined>): ParsedInboxFilter {
  const params: InboxParams = {};
  const invalid: string[] = [];
  for (const [name, schema] of Object.entries(fields) as [keyof typeof fields, z.ZodType][]) {
    const raw = search[name];
    if (raw === undefined || raw === '') continue;
    const result = schema.safeParse(Array.isArray(raw) ? raw[0] : raw);
    if (result.success) (params as Record<string, unknown>)[name] = result.data;
    else invalid.push(name);
  }

  const query: Record<string, unknown> = {};
  if (params.status) query.status = params.status;
  if (params.category) query.category = params.category;
  if (params.division) query.division = params.division;
  if (params.point) query.servicePoint = params.point;
  if (params.rating) query.rating = params.rating;
  // A citizen on the phone reads out the code on their receipt (reference + check code, in any spelling): staff find
  // the suggestion by its reference. Any other text is searched as typed.
  if (params.q) query.q = parseReceiptCode(params.q)?.reference ?? params.q;
  if (params.fy && !params.from && !params.to) {
    const { from, to } = fiscalYearRange(params.fy);
    query.from = bangkokDay(from);
    query.to = bangkokDay(new Date(to.getTime() - 1));
  }
  if (params.from) query.from = params.from;
  if (params.to) query.to = params.to;
  if (params.before) {
    const [at, id] = params.before.split('|');
    query.before = { at, id: Number(id) };
  }
  return { params, invalid, query };
}

/** The URL search string for these params, with some replaced or removed (undefined). */
export function inboxSearch(params: InboxParams, changes: Partial<Record<keyof InboxParams, string | number | undefined>> = {}): string {
  const merged: Record<string, string | number | undefined> = { ...params, ...changes };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function bangkokDay(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

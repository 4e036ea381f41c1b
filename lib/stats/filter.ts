import * as z from 'zod';
import { toIsoDate } from '@/lib/format/be-date';
import { SERVICE_POINT_SLUG } from '@/lib/responses/options';
import type { StatsFilter } from './types';

/**
 * The statistics filter as it arrives in a page's URL (?fiscalYear=2568&round=h1&division=finance) → the jsonb filter
 * of satisfaction_stats / public_results. The same rules are enforced again in SQL (app.stat_figures); this schema
 * only lets a page tell the reader which parameter is wrong before asking the database. Every message is an error
 * code (invalid_value), the path names the parameter. Parameters the filter does not know are ignored (a page has
 * others); an empty parameter counts as absent; Thai digits are read as digits.
 */

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_FISCAL_YEAR = 2543; // 2000 C.E., as in SQL
const LAST_FISCAL_YEAR = 2743;

function asciiDigits(value: string): string {
  return value.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/** A single, non-empty, trimmed parameter; a repeated parameter is refused rather than guessed. */
const param = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const trimmed = asciiDigits(value.trim());
    return trimmed === '' ? undefined : trimmed;
  },
  z.string({ error: 'invalid_value' }).optional(),
);

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 2000 && y <= 2200;
}

// A date typed in B.E. (วว/ดด/ปปปป, the staff date input) or given as ISO: ISO from here on.
const date = param
  .transform((value) => (value === undefined ? undefined : toIsoDate(value)))
  .refine((value) => value === undefined || isCalendarDate(value), { error: 'invalid_value' });
const slug = param.refine((value) => value === undefined || SERVICE_POINT_SLUG.test(value), { error: 'invalid_value' });

export const statsFilterSchema = z
  .object({
    fiscalYear: param
      .refine((value) => value === undefined || /^\d{4}$/.test(value), { error: 'invalid_value' })
      .transform((value) => (value === undefined ? undefined : Number(value)))
      .refine((year) => year === undefined || (year >= FIRST_FISCAL_YEAR && year <= LAST_FISCAL_YEAR), { error: 'invalid_value' }),
    round: param.pipe(z.enum(['h1', 'full'], { error: 'invalid_value' }).optional()),
    from: date,
    to: date,
    division: slug,
    servicePoint: slug,
    channel: param.pipe(z.enum(['qr', 'web', 'kiosk', 'paper'], { error: 'invalid_value' }).optional()),
  })
  .check((ctx) => {
    const f = ctx.value;
    if (f.round !== undefined && f.fiscalYear === undefined) {
      ctx.issues.push({ code: 'custom', message: 'invalid_value', path: ['round'], input: f.round });
    }
    // 'YYYY-MM-DD' strings compare as dates.
    if (f.from !== undefined && f.to !== undefined && f.from > f.to) {
      ctx.issues.push({ code: 'custom', message: 'invalid_value', path: ['to'], input: f.to });
    }
  })
  .transform((f): StatsFilter => {
    const filter: StatsFilter = {};
    for (const [key, value] of Object.entries(f)) {
      if (value !== undefined) (filter as Record<string, unknown>)[key] = value;
    }
    return filter;
  });

function toRecord(params: SearchParamsInput): Record<string, string | string[] | undefined> {
  if (!(params instanceof URLSearchParams)) return params;
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

export type StatsFilterResult = { success: true; filter: StatsFilter } | { success: false; errors: Record<string, string> };

/** Read the filter from search params: the filter, or an error code per parameter ({ round: 'invalid_value' }). */
export function parseStatsFilter(params: SearchParamsInput): StatsFilterResult {
  const result = statsFilterSchema.safeParse(toRecord(params));
  if (result.success) return { success: true, filter: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'filter';
    errors[key] ??= 'invalid_value';
  }
  return { success: false, errors };
}

/** The inverse, for links: the filter as search params, keys in a stable order. */
export function statsFilterToSearchParams(filter: StatsFilter): URLSearchParams {
  const params = new URLSearchParams();
  const keys: (keyof StatsFilter)[] = ['fiscalYear', 'round', 'from', 'to', 'division', 'servicePoint', 'channel'];
  for (const key of keys) {
    const value = filter[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params;
}

import { z } from 'zod';
import { DIMENSIONS, ITEM_CODE, RESPONDENT_QUESTION_KEYS, type Dimension, type RespondentQuestion } from '@/lib/responses/options';

/**
 * The survey draft editor's form ⇄ the draft admin_survey_draft_save takes. Field names: overallTh/En/My,
 * rq_<question> (checkboxes), and per row i: item<i>Code, item<i>Dimension, item<i>Th/En/My, item<i>Remove. Rows left
 * empty or ticked "remove" are dropped. Every error is a code for staff.surveys.errors / staff.admin.errors, beside
 * its field; SQL checks all of it again (and what only it can: a code's dimension in earlier versions).
 */

export const LOCALES = ['th', 'en', 'my'] as const;
const suffix = { th: 'Th', en: 'En', my: 'My' } as const;
export const MAX_ITEMS = 40;

export interface DraftItem {
  code: string;
  dimension: Dimension;
  text: Record<(typeof LOCALES)[number], string>;
}
export interface Draft {
  overallQuestion: Record<(typeof LOCALES)[number], string>;
  respondentQuestions: RespondentQuestion[];
  items: DraftItem[];
}

const localized = (max: number) =>
  z.object(
    Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().min(1, 'translation_required').max(max, 'text_too_long')])) as Record<
      (typeof LOCALES)[number],
      z.ZodString
    >,
  );

const itemSchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(ITEM_CODE, 'invalid_item_code')
    .refine((c) => c !== 'overall', 'invalid_item_code'),
  dimension: z.enum(DIMENSIONS, { error: 'invalid_choice' }),
  text: localized(300),
});

export const draftSchema = z
  .object({
    overallQuestion: localized(300),
    respondentQuestions: z.array(z.enum(RESPONDENT_QUESTION_KEYS as [RespondentQuestion, ...RespondentQuestion[]])),
    items: z.array(itemSchema).max(MAX_ITEMS, 'too_many_items'),
  })
  .superRefine((draft, ctx) => {
    const seen = new Set<string>();
    draft.items.forEach((item, i) => {
      if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: 'duplicate_item_code' });
      seen.add(item.code);
    });
  });

export type DraftParse = { ok: true; draft: Draft; rows: number[] } | { ok: false; fieldErrors: Record<string, string> };

/** Read the posted form; `rows` maps each kept item back to its form row (for errors that come back from SQL). */
export function parseDraftForm(values: Record<string, string>): DraftParse {
  const rows: number[] = [];
  const items: unknown[] = [];
  const rowCount = Number(values.rows ?? 0);
  for (let i = 0; i < Math.min(rowCount, MAX_ITEMS + 10); i++) {
    const get = (name: string) => (values[`item${i}${name}`] ?? '').trim();
    if (values[`item${i}Remove`] === 'on') continue;
    if (!get('Code') && !get('Th') && !get('En') && !get('My')) continue; // an unused blank row
    rows.push(i);
    items.push({ code: get('Code'), dimension: get('Dimension'), text: { th: get('Th'), en: get('En'), my: get('My') } });
  }
  const parsed = draftSchema.safeParse({
    overallQuestion: { th: values.overallTh ?? '', en: values.overallEn ?? '', my: values.overallMy ?? '' },
    respondentQuestions: RESPONDENT_QUESTION_KEYS.filter((q) => values[`rq_${q}`] === 'on'),
    items,
  });
  if (parsed.success) return { ok: true, draft: parsed.data as Draft, rows };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = fieldFor(issue.path.map(String).join('.'), rows);
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** 'overall.en' → overallEn; 'items.2.text.my' → item<row>My; 'items.2.code' → item<row>Code (SQL uses the same paths). */
export function fieldFor(path: string, rows: number[]): string {
  const parts = path.split('.');
  if (parts[0] === 'overall' || parts[0] === 'overallQuestion') return `overall${suffix[parts[1] as 'th'] ?? 'Th'}`;
  if (parts[0] === 'items' && parts.length >= 3) {
    const row = rows[Number(parts[1])] ?? Number(parts[1]);
    if (parts[2] === 'text') return `item${row}${suffix[parts[3] as 'th'] ?? 'Th'}`;
    return `item${row}${parts[2] === 'dimension' ? 'Dimension' : 'Code'}`;
  }
  if (parts[0] === 'items') return 'item0Code';
  if (parts[0] === 'respondentQuestions') return 'rq_gender';
  return '_form';
}

import { z } from 'zod';
import { CONTROL_CHARACTERS, SERVICE_POINT_SLUG, SUGGESTION_CATEGORIES, hasLoneSurrogate } from '@/lib/responses/options';
import { REFERENCE, normalizeReference, parseReceiptCode } from '@/lib/reference';
import { SUGGESTION_STATUSES } from './inbox-filter';

/**
 * One triage save, as the staff form posts it. Fields absent from the form (a division staff member has no division
 * or public-text field) are absent from the change, so they cannot be changed by adding them to the post either:
 * triage_suggestion and RLS refuse what the role may not do. Messages are codes under staff.triage.
 */

const text = z
  .string()
  .max(2000, { message: 'text_too_long' })
  .refine((v) => !CONTROL_CHARACTERS.test(v) && !hasLoneSurrogate(v), { message: 'invalid_characters' });

export const triageSchema = z.object({
  id: z.coerce.number().int().positive({ message: 'not_found' }),
  version: z.coerce.number().int().positive({ message: 'stale_version' }),
  status: z.enum(SUGGESTION_STATUSES, { message: 'invalid_transition' }),
  category: z.enum(SUGGESTION_CATEGORIES, { message: 'invalid_choice' }),
  division: z.union([z.literal(''), z.string().regex(SERVICE_POINT_SLUG, { message: 'unknown_division' })]).optional(),
  duplicateOf: z
    .string()
    .trim()
    // A reference, or a receipt code pasted whole (reference + check code).
    .transform((v) => parseReceiptCode(v)?.reference ?? normalizeReference(v))
    .refine((v) => v === '' || REFERENCE.test(v), { message: 'unknown_reference' })
    .optional(),
  publicBody: text.optional(),
  note: text.optional(),
  reply: text.optional(),
});

export type TriageInput = z.infer<typeof triageSchema>;

/** The form post → { id, version, changes } for triage_suggestion. */
export function toTriageChanges(input: TriageInput): Record<string, unknown> {
  const changes: Record<string, unknown> = { status: input.status, category: input.category };
  if (input.division !== undefined) changes.division = input.division === '' ? null : input.division;
  if (input.duplicateOf) changes.duplicateOf = input.duplicateOf;
  if (input.publicBody !== undefined) changes.publicBody = input.publicBody;
  if (input.note?.trim()) changes.note = input.note;
  if (input.reply?.trim()) changes.reply = input.reply;
  return changes;
}

export function formDataToTriage(data: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['id', 'version', 'status', 'category', 'division', 'duplicateOf', 'publicBody', 'note', 'reply']) {
    const value = data.get(key);
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

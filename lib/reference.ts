/**
 * Citizen references: PREFIX-FY-NNNNNN, e.g. KP-2570-000123, where FY is the B.E. fiscal year of the response.
 * Issued by app.next_reference in SQL; this module only recognises and tidies what a citizen types.
 */

export const REFERENCE = /^[A-Z]{1,6}-[0-9]{4}-[0-9]{6,9}$/;

/** Letters, a four-digit year and a sequence, whatever separates them (or nothing at all). */
const LENIENT = /^([A-Z]{1,6})-?([0-9]{4})-?([0-9]{1,9})$/;

/**
 * Tidy a reference as people type it, read aloud or autocorrected: any case, Thai digits, spaces, dots or any kind of
 * dash between the parts (autocorrect turns "-" into an en dash), no separators at all, or the sequence without its
 * leading zeros. "kp ๒๕๗๐ – 343" → "KP-2570-000343". Text that is not a reference comes back tidied but unchanged in
 * shape, so isReference() still refuses it.
 */
export function normalizeReference(input: string): string {
  const tidied = input
    .normalize('NFKC') // full-width letters and digits from some keyboards
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .toUpperCase()
    .replace(/[\s._/\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const parts = LENIENT.exec(tidied);
  if (!parts) return tidied;
  const [, prefix, year, sequence] = parts as unknown as [string, string, string, string];
  return `${prefix}-${year}-${sequence.padStart(6, '0')}`;
}

export function isReference(input: string): boolean {
  return REFERENCE.test(normalizeReference(input));
}

/**
 * Citizen references: PREFIX-FY-NNNNNN, e.g. KP-2570-000123, where FY is the B.E. fiscal year of the response.
 * Issued by app.next_reference in SQL; this module only recognises and tidies what a citizen types.
 */

export const REFERENCE = /^[A-Z]{1,6}-[0-9]{4}-[0-9]{6,9}$/;

/** Upper-case, Thai digits to Arabic, spaces removed: "kp ๒๕๗๐-000123" → "KP-2570-000123". Same as SQL's. */
export function normalizeReference(input: string): string {
  return input
    .replace(/\s+/g, '')
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .toUpperCase();
}

export function isReference(input: string): boolean {
  return REFERENCE.test(normalizeReference(input));
}

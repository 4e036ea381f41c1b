/**
 * Citizen references: PREFIX-FY-NNNNNN, e.g. KP-2570-000123, where FY is the B.E. fiscal year of the response.
 * Issued by app.next_reference in SQL; this module only recognises and tidies what a citizen types.
 *
 * A receipt prints the reference with its check code: KP-2570-000123-MKHT (app.check_code, issue 17). References are
 * sequential, so the status page needs the four letters too. They are letters only, none that looks like a digit (no
 * B, I, L, O, S, Z), so that they never run into the reference's digits when typed without separators, and read aloud
 * letter by letter.
 */

export const REFERENCE = /^[A-Z]{1,6}-[0-9]{4}-[0-9]{6,9}$/;

export const CHECK_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY';
const CHECK_CODE = new RegExp(`^[${CHECK_CODE_ALPHABET}]{4}$`);

/** Letters, a four-digit year and a sequence, whatever separates them (or nothing at all); then perhaps the code. */
const LENIENT = /^([A-Z]{1,6})-?([0-9]{4})-?([0-9]{1,9})(?:-?([A-Z]{4}))?$/;

function tidy(input: string): string {
  return input
    .normalize('NFKC') // full-width letters and digits from some keyboards
    .replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))
    .toUpperCase()
    .replace(/[\s._/\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Tidy a reference as people type it, read aloud or autocorrected: any case, Thai digits, spaces, dots or any kind of
 * dash between the parts (autocorrect turns "-" into an en dash), no separators at all, or the sequence without its
 * leading zeros. "kp ๒๕๗๐ – 343" → "KP-2570-000343". Text that is not a reference (a reference with its check code
 * included) comes back tidied but unchanged in shape, so isReference() still refuses it.
 */
export function normalizeReference(input: string): string {
  const tidied = tidy(input);
  const parts = LENIENT.exec(tidied);
  if (!parts || parts[4]) return tidied;
  const [, prefix, year, sequence] = parts as unknown as [string, string, string, string];
  return `${prefix}-${year}-${sequence.padStart(6, '0')}`;
}

export function isReference(input: string): boolean {
  return REFERENCE.test(normalizeReference(input));
}

/** What a citizen typed or read aloud from a receipt: the reference, and its check code if they gave one. */
export interface ReceiptCode {
  reference: string;
  checkCode?: string;
}

/**
 * Read "reference + check code" as typed, with the same leniency as normalizeReference: "kp ๒๕๗๐ 343 mkht",
 * "KP2570000343MKHT", "KP–2570–000343–MKHT". Null when it is not a reference at all; checkCode is missing when the
 * four letters were not given (or are not a check code).
 */
export function parseReceiptCode(input: string): ReceiptCode | null {
  // Letters read aloud one by one are often typed apart ("M K H T"): the trailing letters are joined first.
  const parts = LENIENT.exec(tidy(input.slice(0, 60)).replace(/-(?=[A-Z-]*$)/g, ''));
  if (!parts) return null;
  const [, prefix, year, sequence, code] = parts as unknown as [string, string, string, string, string | undefined];
  const reference = `${prefix}-${year}-${sequence.padStart(6, '0')}`;
  if (!REFERENCE.test(reference)) return null;
  return code && CHECK_CODE.test(code) ? { reference, checkCode: code } : { reference };
}

/** As printed on the receipt and in the tracking page's address: KP-2570-000123-MKHT. */
export function formatReceiptCode(reference: string, checkCode: string): string {
  return `${reference}-${checkCode}`;
}

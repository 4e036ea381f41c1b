/**
 * CSV for Excel users: UTF-8 with a byte-order mark (so Excel shows Thai), RFC 4180 quoting, and no formulas: a cell
 * that starts with =, +, -, @, a tab, a line break or a carriage return is prefixed with an apostrophe, so a citizen's
 * text can never run as a formula in a staff member's spreadsheet. Spreadsheets skip leading blanks and read the
 * full-width and small forms (＝＋－＠, ﹦﹢﹣﹫) as the ASCII ones, so the test looks through leading whitespace of any
 * kind and at the text's NFKC form, which folds those forms to ASCII.
 */

export const BOM = '\uFEFF';

const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@])/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) || FORMULA_START.test(text.normalize('NFKC'));
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

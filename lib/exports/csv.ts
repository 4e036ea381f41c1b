/**
 * CSV for Excel users: UTF-8 with a byte-order mark (so Excel shows Thai), RFC 4180 quoting, and no formulas: a cell
 * that starts with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe, so a citizen's text can
 * never run as a formula in a staff member's spreadsheet.
 */

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

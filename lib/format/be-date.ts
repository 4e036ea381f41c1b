/**
 * Dates as Thai offices write them: day/month/year in the Buddhist Era (วว/ดด/ปปปป, B.E. = C.E. + 543), typed with
 * Arabic or Thai digits. One parser serves the staff date input (components/ui/be-date-input.tsx), the server actions
 * and the filters read from a URL, so what the browser accepts the server accepts, and the server always receives an
 * ISO date (YYYY-MM-DD, C.E.) to hand to SQL.
 */

export type BeDateError = 'invalid_date_format' | 'invalid_date' | 'out_of_range';
export type BeDateResult = { ok: true; iso: string | null } | { ok: false; code: BeDateError };

/** The B.E. years the database accepts (fiscal years 2543–2743, as in SQL). */
export const FIRST_BE_YEAR = 2543;
export const LAST_BE_YEAR = 2743;

const BE = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export const asciiDigits = (value: string) => value.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));

const pad = (n: number) => String(n).padStart(2, '0');

function calendarIso(ceYear: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(ceYear, month - 1, day));
  date.setUTCFullYear(ceYear); // years below 100 would otherwise be read as 19xx
  const ok = date.getUTCFullYear() === ceYear && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? `${String(ceYear).padStart(4, '0')}-${pad(month)}-${pad(day)}` : null;
}

/**
 * Read a typed date: "1/10/2568", "01/10/2568", "๑/๑๐/๒๕๖๘", "1-10-2568", or an ISO date (C.E.) as older links carry.
 * Empty text is no date (ok, null). A C.E. year typed where B.E. is asked (1/10/2025) is out of range, not 2025 B.E.
 */
export function parseBeDate(text: string | null | undefined): BeDateResult {
  const value = asciiDigits(String(text ?? '').trim());
  if (value === '') return { ok: true, iso: null };
  const iso = ISO.exec(value);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (y + 543 < FIRST_BE_YEAR || y + 543 > LAST_BE_YEAR) return { ok: false, code: 'out_of_range' };
    const checked = calendarIso(y, m, d);
    return checked ? { ok: true, iso: checked } : { ok: false, code: 'invalid_date' };
  }
  const be = BE.exec(value);
  if (!be) return { ok: false, code: 'invalid_date_format' };
  const [d, m, beYear] = [Number(be[1]), Number(be[2]), Number(be[3])];
  if (beYear < FIRST_BE_YEAR || beYear > LAST_BE_YEAR) return { ok: false, code: 'out_of_range' };
  const checked = calendarIso(beYear - 543, m, d);
  return checked ? { ok: true, iso: checked } : { ok: false, code: 'invalid_date' };
}

/** An ISO date (YYYY-MM-DD) as dd/mm/yyyy B.E., with Thai digits when asked; '' for none. */
export function formatBeDate(iso: string | null | undefined, thaiDigits = false): string {
  const match = ISO.exec(iso ?? '');
  if (!match) return '';
  const text = `${match[3]}/${match[2]}/${Number(match[1]) + 543}`;
  return thaiDigits ? text.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d))) : text;
}

/** For a filter read from a URL: the ISO date of a typed B.E. (or ISO) date, else the value unchanged (and refused). */
export function toIsoDate(value: string): string {
  const parsed = parseBeDate(value);
  return parsed.ok && parsed.iso ? parsed.iso : value;
}

/** Today's date in Bangkok (UTC+7, no daylight saving) as YYYY-MM-DD: the default of a date a clerk records now. */
export function todayInBangkok(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

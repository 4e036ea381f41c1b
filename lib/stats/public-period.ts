import { SERVICE_POINT_SLUG } from '@/lib/responses/options';
import type { PublicPeriod, PublicResultsFilter } from './types';

/**
 * The periods the public results page offers, and how its URL names them. The public may see only whole periods (a
 * fiscal year, its 6-month round October–March, or a month), never a range of dates: two ranges one day apart differ
 * by one day's citizens (docs/public-results.md). SQL (public_results) enforces the same; this only reads the URL.
 *
 *   ?period=2569      fiscal year 2569 (B.E.)
 *   ?period=2569-h1   its 6-month round, 1 Oct 2568 – 31 Mar 2569
 *   ?period=2025-10   a month (C.E., as the database keys it; B.E. years and C.E. years never overlap here)
 *
 * Older links (?fiscalYear=2569&round=h1, ?from=…&to=…) are answered with a redirect to the period that holds them,
 * or, when no offered period does, with a message on the page.
 */

const FIRST_FISCAL_YEAR = 2543; // 2000 C.E., as in SQL
const LAST_FISCAL_YEAR = 2743;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

type Params = Record<string, string | string[] | undefined>;

export type PublicResultsQuery =
  | { kind: 'show'; filter: PublicResultsFilter }
  | { kind: 'redirect'; period: string; division?: string }
  | { kind: 'refused'; reason: 'fixed_periods_only' | 'invalid_period' | 'invalid_division' };

function asciiDigits(value: string): string {
  return value.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

function single(params: Params, key: string): string | undefined | null {
  const value = params[key];
  if (Array.isArray(value)) return null; // repeated: refused rather than guessed
  const trimmed = value === undefined ? '' : asciiDigits(value.trim());
  return trimmed === '' ? undefined : trimmed;
}

const validYear = (year: number) => Number.isInteger(year) && year >= FIRST_FISCAL_YEAR && year <= LAST_FISCAL_YEAR;

/** The fiscal year (B.E.) a month 'YYYY-MM' belongs to: October starts the next one. */
export function fiscalYearOfMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return (m >= 10 ? y + 1 : y) + 543;
}

export function parsePeriod(value: string): PublicPeriod | null {
  let m = /^(\d{4})$/.exec(value);
  if (m) return validYear(Number(m[1])) ? { fiscalYear: Number(m[1]) } : null;
  m = /^(\d{4})-h1$/i.exec(value);
  if (m) return validYear(Number(m[1])) ? { fiscalYear: Number(m[1]), round: 'h1' } : null;
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const [year, month] = [Number(m[1]), Number(m[2])];
    return year >= 2000 && year <= 2200 && month >= 1 && month <= 12 ? { month: value } : null;
  }
  return null;
}

export function periodParam(period: PublicPeriod): string {
  if ('month' in period) return period.month;
  return period.round === 'h1' ? `${period.fiscalYear}-h1` : String(period.fiscalYear);
}

function calendarDate(value: string): [number, number, number] | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 2000 || y > 2200) return null;
  return [y, mo, d];
}

/** The smallest offered period that holds every day from `from` to `to` (inclusive), or null when none does. */
export function containingPeriod(from: string, to: string): PublicPeriod | null {
  const first = calendarDate(from);
  const last = calendarDate(to);
  if (!first || !last) return null;
  const order = ([y, m, d]: [number, number, number]) => y * 10_000 + m * 100 + d;
  if (order(first) > order(last)) return null;
  const monthOf = ([y, m]: [number, number, number]) => `${y}-${String(m).padStart(2, '0')}`;
  if (monthOf(first) === monthOf(last)) return { month: monthOf(first) };
  const fy = fiscalYearOfMonth(monthOf(first));
  if (fy !== fiscalYearOfMonth(monthOf(last))) return null;
  const inRound = (d: [number, number, number]) => d[1] >= 10 || d[1] <= 3;
  return inRound(first) && inRound(last) ? { fiscalYear: fy, round: 'h1' } : { fiscalYear: fy };
}

/** Read the page's query: the filter to show, a redirect for an older link, or why it cannot be shown. */
export function readPublicResultsQuery(params: Params, defaultPeriod: PublicPeriod): PublicResultsQuery {
  const division = single(params, 'division');
  if (division === null || (division !== undefined && !SERVICE_POINT_SLUG.test(division)))
    return { kind: 'refused', reason: 'invalid_division' };
  const period = single(params, 'period');
  if (period === null) return { kind: 'refused', reason: 'invalid_period' };
  if (period !== undefined) {
    const parsed = parsePeriod(period);
    return parsed
      ? { kind: 'show', filter: { ...parsed, ...(division ? { division } : {}) } }
      : { kind: 'refused', reason: 'invalid_period' };
  }
  const withDivision = (p: PublicPeriod) => ({ kind: 'redirect' as const, period: periodParam(p), ...(division ? { division } : {}) });
  const from = single(params, 'from');
  const to = single(params, 'to');
  if (from !== undefined || to !== undefined) {
    // An open end ("from X on") has no period that holds it.
    if (from === null || to === null || from === undefined || to === undefined) return { kind: 'refused', reason: 'fixed_periods_only' };
    const holding = containingPeriod(from, to);
    return holding ? withDivision(holding) : { kind: 'refused', reason: 'fixed_periods_only' };
  }
  const year = single(params, 'fiscalYear');
  if (year !== undefined) {
    const round = single(params, 'round');
    const fiscalYear = year === null ? NaN : Number(year);
    if (
      !/^\d{4}$/.test(year ?? '') ||
      !validYear(fiscalYear) ||
      round === null ||
      (round !== undefined && round !== 'h1' && round !== 'full')
    ) {
      return { kind: 'refused', reason: 'invalid_period' };
    }
    return withDivision(round === 'h1' ? { fiscalYear, round: 'h1' } : { fiscalYear });
  }
  return { kind: 'show', filter: { ...defaultPeriod, ...(division ? { division } : {}) } };
}

/** The periods offered for the fiscal years `years` (newest first): each year, its round, then its months so far. */
export function offeredPeriods(years: number[], today: Date): { fiscalYear: number; periods: PublicPeriod[] }[] {
  const bangkok = new Date(today.getTime() + 7 * 3600_000);
  const thisMonth = `${bangkok.getUTCFullYear()}-${String(bangkok.getUTCMonth() + 1).padStart(2, '0')}`;
  return years.map((fiscalYear) => {
    const start = fiscalYear - 544;
    const months = Array.from({ length: 12 }, (_, i) => {
      const month = ((9 + i) % 12) + 1;
      return `${month >= 10 ? start : start + 1}-${String(month).padStart(2, '0')}`;
    }).filter((m) => m <= thisMonth);
    return { fiscalYear, periods: [{ fiscalYear }, { fiscalYear, round: 'h1' as const }, ...months.map((month) => ({ month }))] };
  });
}

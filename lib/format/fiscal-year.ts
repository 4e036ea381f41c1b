/**
 * The Thai fiscal year (ปีงบประมาณ) runs 1 October – 30 September and is named by the Buddhist-Era year it ends in:
 * FY2566 = 1 Oct 2022 – 30 Sep 2023. Reports come in a 6-month round (Oct–Mar) and a 12-month round (the whole year).
 * All boundaries are midnight in Asia/Bangkok (UTC+7, no daylight saving). SQL's app.fiscal_year agrees with this.
 */

export const BE_OFFSET = 543;
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

export function toBuddhistYear(gregorianYear: number): number {
  return gregorianYear + BE_OFFSET;
}

export function toGregorianYear(buddhistYear: number): number {
  return buddhistYear - BE_OFFSET;
}

/** The Bangkok calendar date of an instant, as [year, month 1–12, day]. */
export function bangkokDate(instant: Date): [number, number, number] {
  const local = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  return [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
}

/** Fiscal year (B.E.) of an instant. */
export function fiscalYearOf(instant: Date): number {
  const [year, month] = bangkokDate(instant);
  return toBuddhistYear(month >= 10 ? year + 1 : year);
}

export type Round = 'h1' | 'full';

/** The instants [from, to) of a fiscal year's round: h1 = 1 Oct – 31 Mar, full = 1 Oct – 30 Sep. */
export function fiscalYearRange(fiscalYear: number, round: Round = 'full'): { from: Date; to: Date } {
  const endYear = toGregorianYear(fiscalYear);
  const from = new Date(Date.UTC(endYear - 1, 9, 1) - BANGKOK_OFFSET_MS);
  const to = new Date(Date.UTC(endYear, round === 'h1' ? 3 : 9, 1) - BANGKOK_OFFSET_MS);
  return { from, to };
}

import type { Round } from '@/lib/format/fiscal-year';
import type { Dimension, RespondentQuestion } from '@/lib/responses/options';

/**
 * The JSON that public.satisfaction_stats (staff) returns, from one SQL computation (app.stat_figures), so every
 * page, report and export shows the same numbers; public.public_results (anyone) returns cells from the same sums. Numbers arrive unrounded;
 * round them for display with roundStat (lib/stats/round.ts), which rounds as SQL does when it picks the level.
 *
 * `Public` marks a cell that may be suppressed (n and every figure null, suppressed: true), as public_results sends
 * them (PublicResults, below). In satisfaction_stats nothing is suppressed.
 */

export type SatisfactionLevel = 'very_high' | 'high' | 'moderate' | 'low' | 'very_low';
export type LevelBandsSetting = '0.5' | '0.8';
export const CHANNELS = ['qr', 'web', 'kiosk', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Rating = 1 | 2 | 3 | 4 | 5;

/** The filter p_filter: all keys optional; dates are inclusive Bangkok days 'YYYY-MM-DD'; fiscalYear is B.E. */
export interface StatsFilter {
  fiscalYear?: number;
  round?: Round;
  from?: string;
  to?: string;
  division?: string;
  servicePoint?: string;
  channel?: Channel;
}

type Count<Public extends boolean> = Public extends true ? number | null : number;

/**
 * One figure: n ratings; mean; SAMPLE standard deviation (n − 1, null when n < 2); percent = mean ÷ 5 × 100 from the
 * unrounded mean; level from the mean rounded to 2 decimals. n = 0 → mean, sd, percent and level are null.
 */
export interface StatCell<Public extends boolean = false> {
  n: Count<Public>;
  mean: number | null;
  sd: number | null;
  percent: number | null;
  level: SatisfactionLevel | null;
  suppressed: boolean;
}

export interface StatsResult<Public extends boolean = false> {
  /** The filter as applied: from/to are the effective range (fiscal year ∩ from/to), null when open. */
  filter: {
    fiscalYear: number | null;
    round: Round | null;
    from: string | null;
    to: string | null;
    division: string | null;
    servicePoint: string | null;
    channel: Channel | null;
  };
  levelBands: { setting: LevelBandsSetting; bands: { level: SatisfactionLevel; min: number; max: number }[] };
  /** { minN: 5 } for public_results, null for satisfaction_stats. */
  suppression: { minN: number } | null;
  /** Responses not flagged; of them one-tap only (no item answered) and with items; flagged = excluded (staff only). */
  counts: { responses: Count<Public>; oneTapOnly: Count<Public>; withItems: Count<Public>; flagged: Public extends true ? null : number };
  /** The overall (one-tap) question. */
  overall: StatCell<Public>;
  /** Every item answer pooled. */
  allItems: StatCell<Public>;
  /** The four dimensions in questionnaire order, each pooling the answers to its items. */
  dimensions: (StatCell<Public> & { dimension: Dimension })[];
  /**
   * Items of the current questionnaire (and older items with answers in the selection), highest mean first.
   * rank: by the mean rounded to 2 decimals (equal printed means share a rank); null without a figure.
   */
  items: (StatCell<Public> & { code: string; dimension: Dimension; text: string; rank: number | null; surveyOrder: number })[];
  /** The overall question's ratings 1..5: count and percent of the overall n. */
  distribution: { rating: Rating; count: Count<Public>; percent: number | null; suppressed: boolean }[];
  /** Every month of the selected range (or of the data, when a bound is open), oldest first. */
  trend: (StatCell<Public> & { month: string; fiscalYear: number })[];
  byDivision: (StatCell<Public> & { slug: string; name: string })[];
  byServicePoint: (StatCell<Public> & { slug: string; name: string; division: string })[];
  byChannel: (StatCell<Public> & { channel: Channel })[];
  /** Per question, every possible answer in report order, then value null = not answered. percent = share of responses. */
  respondents: Record<RespondentQuestion, RespondentShare<Public>[]>;
}

export interface RespondentShare<Public extends boolean = false> {
  value: string | null;
  n: Count<Public>;
  percent: number | null;
  suppressed: boolean;
  /** The overall question among these respondents. */
  overall: StatCell<Public>;
}

export type SatisfactionStats = StatsResult<false>;

/**
 * The filter of public_results: ONE fixed period (a fiscal year, its 6-month round h1 = Oct–Mar, or a month
 * 'YYYY-MM'), optionally narrowed to a division or a service point. No dates, no channel: the public may not ask for
 * an arbitrary window (docs/public-results.md).
 */
export type PublicPeriod = { fiscalYear: number; round?: Round } | { month: string };
export type PublicResultsFilter = PublicPeriod & { division?: string; servicePoint?: string };

/**
 * What public.public_results returns for one fixed period. A hidden cell (suppressed: true) has every figure null:
 * fewer than 5 responses, or hidden so that a smaller group cannot be worked out by subtraction (complementary
 * suppression over the whole fiscal year; the reason is deliberately not given). No channel split, respondent profile,
 * rating distribution or one-tap count is public.
 */
export interface PublicResults {
  filter: {
    fiscalYear: number;
    round: Round | null;
    month: string | null;
    from: string;
    to: string;
    division: string | null;
    servicePoint: string | null;
  };
  levelBands: StatsResult['levelBands'];
  suppression: { minN: number; complementary: true };
  /** Responses not flagged: the overall cell's n (null when hidden). */
  counts: { responses: number | null };
  overall: StatCell<true>;
  allItems: StatCell<true>;
  dimensions: (StatCell<true> & { dimension: Dimension })[];
  items: (StatCell<true> & { code: string; dimension: Dimension; text: string; rank: number | null; surveyOrder: number })[];
  /** The months of the period, oldest first. */
  trend: (StatCell<true> & { month: string; fiscalYear: number })[];
  byDivision: (StatCell<true> & { slug: string; name: string })[];
  byServicePoint: (StatCell<true> & { slug: string; name: string; division: string })[];
}

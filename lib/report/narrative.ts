/**
 * The report's sentences, generated from the numbers in the style of Thai official reports: the highest first, each
 * next one introduced as "รองลงมาคือ", the lowest last. The wording is in messages (staff.report.*), so the English
 * version reads as English, not as a translation of the Thai sentence structure.
 *
 * Every sentence here says only what its figures show: a group is "the largest" only among the answers given, and a
 * majority only when it is over half.
 */

import { roundStat } from '@/lib/stats/round';
import type { Channel } from '@/lib/stats/types';

/** A message of staff.report with its values, already formatted (digits as the report's setting asks). */
export type Say = (key: string, values?: Record<string, string>) => string;

export interface Ranked {
  name: string;
  mean: number;
}

export function rankingSentence(say: Say, entries: Ranked[], formatMean: (mean: number) => string, locale: string): string {
  const ranked = [...entries].sort((a, b) => b.mean - a.mean);
  if (ranked.length === 0) return '';
  const part = (key: 'highest' | 'next' | 'lowest' | 'only', e: Ranked) => say(key, { name: e.name, mean: formatMean(e.mean) });
  if (ranked.length === 1) return part('only', ranked[0]!);
  const parts = [
    part('highest', ranked[0]!),
    ...ranked.slice(1, -1).map((e) => part('next', e)),
    part('lowest', ranked[ranked.length - 1]!),
  ];
  return locale === 'th' ? parts.join(' ') : `${parts.join(', ')}.`;
}

/**
 * ลำดับที่ for a table: 1 for the highest mean, by the mean as printed (two decimals), equal printed means sharing a
 * rank and the next rank skipping (1, 2, 2, 4), as satisfaction_stats ranks items. Null where there is no figure.
 */
export function ranksOf(means: (number | null)[]): (number | null)[] {
  const printed = means.map((m) => (m === null ? null : roundStat(m, 2)));
  return printed.map((m) => (m === null ? null : 1 + printed.filter((o) => o !== null && o > m).length));
}

/** "A, B and C" in the reader's language (Thai: "A B และC"). */
export function listOf(locale: string, parts: string[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

/** The order channels are named in when their counts are equal: the counter's own channels first. */
const CHANNEL_ORDER: Channel[] = ['qr', 'kiosk', 'paper', 'web'];

/**
 * How the responses were collected, naming only the channels actually used, each with its count, the largest first:
 * "การสแกนคิวอาร์โค้ด … 11 คน และแบบสอบถามกระดาษ … 11 คน". Empty when no channel has a response.
 */
export function channelsPhrase(
  say: Say,
  locale: string,
  channels: { channel: Channel; n: number | null }[],
  count: (n: number) => string,
): string {
  const used = channels
    .filter((c) => (c.n ?? 0) > 0)
    .sort((a, b) => (b.n ?? 0) - (a.n ?? 0) || CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel));
  return listOf(
    locale,
    used.map((c) => say(`channel.${c.channel}`, { n: count(c.n!) })),
  );
}

export interface RespondentRow {
  /** null: the respondent did not answer this question. */
  value: string | null;
  label: string;
  n: number;
  /** Share of all respondents, as SQL computed it. */
  percent: number | null;
}

/**
 * The sentence under a respondent table. The largest group is named among those who answered, with its share of all
 * respondents; when more people left the question blank than gave any one answer, the sentence says that first (and
 * "most" only when they are over half), so 13.80% women are never "the largest group" beside 57.61% who did not say.
 */
export function respondentSentence(
  say: Say,
  locale: string,
  question: string,
  rows: RespondentRow[],
  total: number,
  count: (n: number) => string,
  stat: (value: number | null) => string,
): string {
  const answered = rows.filter((r) => r.value !== null && r.n > 0);
  if (answered.length === 0) return say('part1None', { question });
  const most = Math.max(...answered.map((r) => r.n));
  const tops = answered.filter((r) => r.n === most);
  const group = say(tops.length > 1 ? 'groupTied' : 'group', {
    value: listOf(
      locale,
      tops.map((r) => r.label),
    ),
    n: count(most),
    percent: stat(tops[0]!.percent),
  });
  const blank = rows.find((r) => r.value === null);
  const blankN = blank?.n ?? 0;
  if (blankN === 0 || blankN < most) return say('part1Most', { question, group });
  const values = {
    question,
    group,
    blank: count(blankN),
    blankPercent: stat(blank!.percent),
    answered: count(answered.reduce((sum, r) => sum + r.n, 0)),
  };
  return say(blankN * 2 > total ? 'part1MostUnanswered' : 'part1ManyUnanswered', values);
}

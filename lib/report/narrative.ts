/**
 * The report's sentences, generated from the numbers in the style of Thai official reports: the highest first, each
 * next one introduced as "รองลงมาคือ", the lowest last. The wording is in messages (staff.report.*), so the English
 * version reads as English, not as a translation of the Thai sentence structure.
 */

export type Say = (key: 'highest' | 'next' | 'lowest' | 'only', values: Record<string, string>) => string;

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

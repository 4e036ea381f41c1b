/**
 * สรุปผลและข้อเสนอแนะ: the report's conclusion and recommendations, written from the figures of the report itself.
 * Each sentence is there only when its data is: no weakest items without item answers, no suggestion themes without
 * suggestions, no "actions taken" without recorded actions. A recommendation always names the figure it rests on.
 */

import { roundStat } from '@/lib/stats/round';
import { listOf, type Say } from './narrative';

export interface ConclusionInput {
  /** The overall question; null when nobody answered it. */
  overall: { level: string; mean: number; percent: number } | null;
  /** The LPA criterion, percent satisfied (70). */
  target: number;
  /** Dimensions and items with a figure, each with its name as printed. Items in survey order. */
  dimensions: { name: string; mean: number }[];
  items: { name: string; mean: number }[];
  suggestions: {
    total: number;
    byCategory: { category: string; name: string; count: number; byStatus: Record<string, number> }[];
  };
  replies: { dueDays: number; due: number; answeredInTime: number };
  /** Improvement actions of the period: completed in it, and under way. */
  actions: { done: string[]; inProgress: string[] };
}

export interface Conclusion {
  findings: string[];
  recommendations: string[];
}

/** Statuses after which a suggestion needs nothing more (the others are still open). */
const CLOSED = ['resolved', 'declined', 'duplicate', 'not_responsible'];
/** How many of the lowest items the conclusion names (more when the last of them ties with the next). */
const WEAKEST = 3;
/** How many suggestion categories it names as themes. */
const THEMES = 3;
/** How many action titles it names before "and N more". */
const TITLES = 5;

export interface ConclusionFormat {
  count: (n: number) => string;
  stat: (value: number | null) => string;
}

/** The lowest items by the mean as printed; every item tied with the last one named is named too. */
export function weakestItems<T extends { mean: number }>(items: T[], limit = WEAKEST): T[] {
  const sorted = items
    .map((item, order) => ({ item, order, printed: roundStat(item.mean, 2) }))
    .sort((a, b) => a.printed - b.printed || a.order - b.order);
  if (sorted.length <= limit) return sorted.map((s) => s.item);
  const cut = sorted[limit - 1]!.printed;
  return sorted.filter((s, i) => i < limit || s.printed === cut).map((s) => s.item);
}

export function conclusion(say: Say, locale: string, input: ConclusionInput, f: ConclusionFormat): Conclusion {
  const findings: string[] = [];
  const recommendations: string[] = [];
  const figure = (name: string, mean: number) => say('conclusionFigure', { name, mean: f.stat(mean) });

  if (input.overall) {
    const met = roundStat(input.overall.percent, 2) >= input.target;
    findings.push(
      say('conclusionOverall', {
        level: input.overall.level,
        mean: f.stat(input.overall.mean),
        percent: f.stat(input.overall.percent),
        verdict: say(met ? 'targetMet' : 'targetMissed'),
        target: f.count(input.target),
      }),
    );
    if (!met) recommendations.push(say('recommendTarget', { percent: f.stat(input.overall.percent), target: f.count(input.target) }));
  }

  if (input.dimensions.length > 1) {
    const [lowest] = weakestItems(input.dimensions, 1);
    findings.push(say('conclusionWeakestDimension', { dimension: figure(lowest!.name, lowest!.mean) }));
  }

  if (input.items.length > 0) {
    const weakest = weakestItems(input.items);
    const names = listOf(
      locale,
      weakest.map((i) => figure(i.name, i.mean)),
    );
    findings.push(say('conclusionWeakestItems', { count: f.count(weakest.length), items: names }));
    recommendations.push(
      say('recommendWeakest', {
        items: listOf(
          locale,
          weakest.map((i) => i.name),
        ),
      }),
    );
  }

  const { suggestions } = input;
  if (suggestions.total === 0) {
    findings.push(say('conclusionNoSuggestions'));
  } else {
    const resolved = suggestions.byCategory.reduce((sum, c) => sum + (c.byStatus.resolved ?? 0), 0);
    const open = suggestions.byCategory.reduce(
      (sum, c) =>
        sum +
        Object.entries(c.byStatus)
          .filter(([status]) => !CLOSED.includes(status))
          .reduce((s, [, n]) => s + n, 0),
      0,
    );
    const themes = suggestions.byCategory.filter((c) => c.category !== 'praise' && c.count > 0).slice(0, THEMES);
    const praise = suggestions.byCategory.find((c) => c.category === 'praise')?.count ?? 0;
    findings.push(
      say('conclusionSuggestions', {
        total: f.count(suggestions.total),
        themes: themes.length
          ? listOf(
              locale,
              themes.map((c) => say('conclusionTheme', { name: c.name, n: f.count(c.count) })),
            )
          : '',
        hasThemes: themes.length ? 'yes' : 'no',
        praise: f.count(praise),
        resolved: f.count(resolved),
      }),
    );
    if (themes.length > 0) {
      recommendations.push(say('recommendTheme', { name: themes[0]!.name, n: f.count(themes[0]!.count) }));
    }
    if (open > 0) recommendations.push(say('recommendOpen', { open: f.count(open) }));
  }

  const { replies } = input;
  if (replies.due > 0) {
    const percent = (replies.answeredInTime / replies.due) * 100;
    findings.push(
      say('conclusionReplies', {
        due: f.count(replies.due),
        answered: f.count(replies.answeredInTime),
        days: f.count(replies.dueDays),
        percent: f.stat(percent),
      }),
    );
    if (replies.answeredInTime < replies.due) {
      recommendations.push(say('recommendReplies', { days: f.count(replies.dueDays), percent: f.stat(percent) }));
    }
  }

  const { done, inProgress } = input.actions;
  if (done.length === 0 && inProgress.length === 0) {
    findings.push(say('conclusionNoActions'));
    recommendations.push(say('recommendRecordActions'));
  } else {
    const titles = (list: string[]) =>
      list.length > TITLES
        ? say('conclusionMoreTitles', { titles: list.slice(0, TITLES).join(', '), more: f.count(list.length - TITLES) })
        : list.join(', ');
    findings.push(
      say('conclusionActions', {
        done: f.count(done.length),
        doneTitles: done.length ? titles(done) : '',
        hasDone: done.length ? 'yes' : 'no',
        inProgress: f.count(inProgress.length),
      }),
    );
    if (inProgress.length > 0) recommendations.push(say('recommendFollowUp', { inProgress: f.count(inProgress.length) }));
  }

  return { findings, recommendations };
}

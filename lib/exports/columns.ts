import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { roundStat } from '@/lib/stats/round';
import type { SatisfactionStats, StatCell } from '@/lib/stats/types';
import { SUGGESTION_STATUSES } from '@/lib/feedback/inbox-filter';
import { KIOSK_REASONS } from '@/lib/kiosk/sync-schema';
import { RESPONDENT_QUESTIONS, RESPONDENT_QUESTION_KEYS, SUGGESTION_CATEGORIES } from '@/lib/responses/options';
import type { ExportRow } from './response-rows';

export interface Column {
  header: string;
  value: (row: ExportRow) => string | number | null;
}

/**
 * The columns of the responses export, headed and labelled in the reader's language: counters and divisions by name,
 * items in the order of the questionnaire. Every label is translated once, up front: a million rows must not each run
 * the message formatter.
 */
export async function responseColumns(
  locale: Locale,
  selection: Pick<SatisfactionStats, 'items' | 'byServicePoint' | 'byDivision'>,
): Promise<Column[]> {
  const t = await getTranslations({ locale, namespace: 'staff.exports' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const status = await getTranslations({ locale, namespace: 'staff.status' });
  const stats = await getTranslations({ locale, namespace: 'stats' });
  const labels = <K extends string>(keys: readonly K[], say: (key: K) => string) => new Map<string, string>(keys.map((k) => [k, say(k)]));
  const options = Object.fromEntries(
    RESPONDENT_QUESTION_KEYS.map((q) => [
      q,
      labels(RESPONDENT_QUESTIONS[q], (v) => more(`respondent.${q}.options.${v}` as 'respondent.gender.options.male')),
    ]),
  ) as Record<(typeof RESPONDENT_QUESTION_KEYS)[number], Map<string, string>>;
  const categories = labels(SUGGESTION_CATEGORIES, (c) => more(`categories.${c}`));
  const statuses = labels(SUGGESTION_STATUSES, (s) => status(s));
  const channels = labels(['qr', 'web', 'kiosk', 'paper'] as const, (c) => stats(`channels.${c}`));
  const kioskReasons = await getTranslations({ locale, namespace: 'kiosk.reasons' });
  const reasons = labels(KIOSK_REASONS, (r) => kioskReasons(r));
  const yes = t('yes');
  // Names as the statistics give them in the reader's language; a slug only for a counter no longer listed there.
  const pointNames = new Map(selection.byServicePoint.map((p) => [p.slug, p.name]));
  const divisionNames = new Map(selection.byDivision.map((d) => [d.slug, d.name]));
  const items = [...selection.items].sort((a, b) => a.surveyOrder - b.surveyOrder);
  const bangkok = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const respondent = (q: (typeof RESPONDENT_QUESTION_KEYS)[number], row: ExportRow) => {
    const value = row[q === 'age_band' ? 'ageBand' : q];
    return value ? (options[q].get(value) ?? value) : null;
  };
  return [
    { header: t('columns.reference'), value: (r) => r.reference },
    { header: t('columns.createdAt'), value: (r) => bangkok(r.createdAt) },
    { header: t('columns.fiscalYear'), value: (r) => r.fiscalYear },
    { header: t('columns.servicePoint'), value: (r) => pointNames.get(r.servicePoint) ?? r.servicePoint },
    { header: t('columns.division'), value: (r) => divisionNames.get(r.division) ?? r.division },
    { header: t('columns.channel'), value: (r) => channels.get(r.channel) ?? r.channel },
    { header: t('columns.overall'), value: (r) => r.overallRating },
    ...items.map((item): Column => ({ header: item.text, value: (r) => r.answers?.[item.code] ?? null })),
    ...RESPONDENT_QUESTION_KEYS.map((q): Column => ({ header: more(`respondent.${q}.label`), value: (r) => respondent(q, r) })),
    { header: t('columns.mainReason'), value: (r) => (r.mainReason ? (reasons.get(r.mainReason) ?? r.mainReason) : null) },
    {
      header: t('columns.suggestionCategory'),
      value: (r) => (r.suggestionCategory ? (categories.get(r.suggestionCategory) ?? null) : null),
    },
    { header: t('columns.suggestionStatus'), value: (r) => (r.suggestionStatus ? (statuses.get(r.suggestionStatus) ?? null) : null) },
    { header: t('columns.suggestionText'), value: (r) => r.suggestionText },
    { header: t('columns.flag'), value: (r) => (r.flag ? yes : null) },
    { header: t('columns.demo'), value: (r) => (r.isDemo ? yes : null) },
  ];
}

/** A figure as the dashboard and the report print it (2 decimals, rounded as SQL rounds), or null. */
export function rounded(value: number | null): number | null {
  return value === null ? null : roundStat(value, 2);
}

/** The statistics tables as rows: section, row, n, mean, S.D., percent, level, each figure rounded as the pages show it. */
export async function tableRows(locale: Locale, stats: SatisfactionStats): Promise<(string | number | null)[][]> {
  const t = await getTranslations({ locale, namespace: 'staff.exports.tables' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const dim = await getTranslations({ locale, namespace: 'more.dimensions' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const row = (section: string, label: string, c: StatCell<boolean>) => [
    section,
    label,
    c.n,
    rounded(c.mean),
    rounded(c.sd),
    rounded(c.percent),
    c.level ? s(`levels.${c.level}`) : null,
  ];
  return [
    [t('section'), t('label'), s('n'), s('mean'), s('sd'), s('percent'), s('level')],
    row(t('overall'), s('overall'), stats.overall),
    ...stats.dimensions.map((d) => row(t('dimension'), dim(d.dimension), d)),
    row(t('dimension'), s('allItems'), stats.allItems),
    ...stats.items.map((i) => row(t('item'), i.text, i)),
    ...stats.byDivision.map((d) => row(t('division'), d.name, d)),
    ...stats.byServicePoint.map((p) => row(t('servicePoint'), p.name, p)),
    ...stats.byChannel.map((c) => row(t('channel'), s(`channels.${c.channel}`), c)),
    ...stats.trend.map((m) => row(t('month'), m.month, m)),
    ...RESPONDENT_QUESTION_KEYS.flatMap((q) =>
      stats.respondents[q].map((r) => [
        t('respondent'),
        `${more(`respondent.${q}.label`)}: ${r.value ? more(`respondent.${q}.options.${r.value}` as 'respondent.gender.options.male') : s('notAnswered')}`,
        r.n,
        rounded(r.overall.mean),
        rounded(r.overall.sd),
        rounded(r.percent),
        r.overall.level ? s(`levels.${r.overall.level}`) : null,
      ]),
    ),
  ];
}

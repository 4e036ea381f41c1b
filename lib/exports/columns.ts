import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { SatisfactionStats, StatCell } from '@/lib/stats/types';
import { RESPONDENT_QUESTION_KEYS } from '@/lib/survey/options';
import type { ExportRow } from './response-rows';

export interface Column {
  header: string;
  value: (row: ExportRow) => string | number | null;
}

/** The columns of the responses export, headed and labelled in the reader's language; items as in the survey. */
export async function responseColumns(locale: Locale, items: SatisfactionStats['items']): Promise<Column[]> {
  const t = await getTranslations({ locale, namespace: 'staff.exports' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const status = await getTranslations({ locale, namespace: 'staff.status' });
  const stats = await getTranslations({ locale, namespace: 'stats' });
  const option = (question: string, value: string | null) =>
    value ? more(`respondent.${question}.options.${value}` as 'respondent.gender.options.male') : null;
  const bangkok = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  return [
    { header: t('columns.reference'), value: (r) => r.reference },
    { header: t('columns.createdAt'), value: (r) => bangkok(r.createdAt) },
    { header: t('columns.fiscalYear'), value: (r) => r.fiscalYear },
    { header: t('columns.servicePoint'), value: (r) => r.servicePoint },
    { header: t('columns.division'), value: (r) => r.division },
    { header: t('columns.channel'), value: (r) => stats(`channels.${r.channel as 'qr'}`) },
    { header: t('columns.overall'), value: (r) => r.overallRating },
    ...items.map((item): Column => ({ header: item.text, value: (r) => r.answers?.[item.code] ?? null })),
    ...RESPONDENT_QUESTION_KEYS.map((q): Column => ({
      header: more(`respondent.${q}.label`),
      value: (r) => option(q, r[q === 'age_band' ? 'ageBand' : q] as string | null),
    })),
    { header: t('columns.suggestionCategory'), value: (r) => (r.suggestionCategory ? more(`categories.${r.suggestionCategory as 'other'}`) : null) },
    { header: t('columns.suggestionStatus'), value: (r) => (r.suggestionStatus ? status(r.suggestionStatus as 'new') : null) },
    { header: t('columns.suggestionText'), value: (r) => r.suggestionText },
    { header: t('columns.flag'), value: (r) => (r.flag ? t('yes') : null) },
    { header: t('columns.demo'), value: (r) => (r.isDemo ? t('yes') : null) },
  ];
}

/** The statistics tables as rows: section, row, n, mean, S.D., percent, level (unrounded numbers, as SQL gives them). */
export async function tableRows(locale: Locale, stats: SatisfactionStats): Promise<(string | number | null)[][]> {
  const t = await getTranslations({ locale, namespace: 'staff.exports.tables' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const dim = await getTranslations({ locale, namespace: 'more.dimensions' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const row = (section: string, label: string, c: StatCell<boolean>) => [section, label, c.n, c.mean, c.sd, c.percent, c.level ? s(`levels.${c.level}`) : null];
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
        r.n, r.overall.mean, r.overall.sd, r.percent, r.overall.level ? s(`levels.${r.overall.level}`) : null,
      ]),
    ),
  ];
}

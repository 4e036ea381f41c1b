import { getTranslations } from 'next-intl/server';
import { ChartCanvas } from '@/components/charts/chart-canvas';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import { formatMonth } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';
import { roundStat } from '@/lib/stats/round';
import type { SatisfactionStats } from '@/lib/stats/types';
import { RESPONDENT_QUESTION_KEYS } from '@/lib/responses/options';
import { CellTable } from './cell-table';

const BLUE = '#0b4f8a';
const num = (v: number | null) => (v === null ? null : roundStat(v, 2));

interface Props {
  locale: Locale;
  settings: DisplaySettings;
  stats: SatisfactionStats;
}

/** The monthly trend, with the fiscal year of each month. */
export async function TrendSection({ locale, settings, stats }: Props) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const month = (m: string) => formatMonth(`${m}-15T00:00:00+07:00`, locale, settings);
  return (
    <section className="dashboard-section" aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t('trend')}</h2>
      <ChartCanvas
        type="line"
        labels={stats.trend.map((m) => month(m.month))}
        yMin={1}
        yMax={5}
        series={[{ label: s('mean'), data: stats.trend.map((m) => num(m.mean)), color: BLUE }]}
      />
      <CellTable
        locale={locale}
        settings={settings}
        caption={t('trend')}
        labelHeader={s('month')}
        rows={stats.trend.map((m) => ({
          key: m.month,
          label: `${month(m.month)} (${s('fiscalYearLabel', { year: m.fiscalYear })})`,
          cell: m,
        }))}
      />
    </section>
  );
}

/** Dimensions, then items ranked from the weakest: where to improve first. */
export async function ItemsSection({ locale, settings, stats, actionHref }: Props & { actionHref?: (code: string) => string | null }) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const dim = await getTranslations({ locale, namespace: 'more.dimensions' });
  const weakestFirst = [...stats.items].filter((i) => i.mean !== null).sort((a, b) => (a.mean ?? 0) - (b.mean ?? 0));
  return (
    <section className="dashboard-section" aria-labelledby="items-heading">
      <h2 id="dimensions-heading">{t('dimensions')}</h2>
      <CellTable
        locale={locale}
        settings={settings}
        caption={t('dimensions')}
        labelHeader={s('dimension')}
        rows={[
          { key: 'overall', label: <strong>{s('overall')}</strong>, cell: stats.overall },
          ...stats.dimensions.map((d) => ({ key: d.dimension, label: dim(d.dimension), cell: d })),
          { key: 'all', label: <strong>{s('allItems')}</strong>, cell: stats.allItems },
        ]}
      />
      <h2 id="items-heading">{t('items')}</h2>
      <ChartCanvas
        type="bar"
        horizontal
        height={360}
        labels={weakestFirst.map((i) => i.text)}
        yMin={1}
        yMax={5}
        series={[{ label: s('mean'), data: weakestFirst.map((i) => num(i.mean)), color: BLUE }]}
      />
      <CellTable
        locale={locale}
        settings={settings}
        caption={t('items')}
        labelHeader={s('item')}
        extraHeader={actionHref ? '' : undefined}
        rows={weakestFirst.map((i, index) => ({
          key: i.code,
          label: (
            <>
              {index < 3 && <span className="weak">{t('weakest')}: </span>}
              {i.text} <span className="muted">({dim(i.dimension)})</span>
            </>
          ),
          cell: i,
          extra: actionHref?.(i.code) ? <Link href={actionHref(i.code)!}>{t('createAction')}</Link> : null,
        }))}
      />
    </section>
  );
}

/** How the overall ratings spread from 1 to 5. */
export async function DistributionSection({ locale, settings, stats }: Props) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const faces = await getTranslations({ locale, namespace: 'faces' });
  const rows = [...stats.distribution].sort((a, b) => b.rating - a.rating);
  return (
    <section className="dashboard-section" aria-labelledby="distribution-heading">
      <h2 id="distribution-heading">{t('distribution')}</h2>
      <ChartCanvas
        type="bar"
        labels={rows.map((r) => `${r.rating} ${faces(String(r.rating) as '5')}`)}
        series={[{ label: s('count'), data: rows.map((r) => r.count), color: BLUE }]}
      />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{s('rating')}</th>
            <th scope="col" className="num">
              {s('count')}
            </th>
            <th scope="col" className="num">
              {s('percent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rating}>
              <th scope="row">
                {r.rating} {faces(String(r.rating) as '5')}
              </th>
              <td className="num">{countText(r.count, locale, settings)}</td>
              <td className="num">{statText(r.percent, locale, settings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Divisions and service points side by side, and the channels citizens answered through. */
export async function ComparisonSection({ locale, settings, stats }: Props) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const divisions = stats.byDivision.filter((d) => d.n);
  const points = stats.byServicePoint.filter((p) => p.n);
  return (
    <section className="dashboard-section" aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('byDivision')}</h2>
      <ChartCanvas
        type="bar"
        horizontal
        labels={divisions.map((d) => d.name)}
        yMin={1}
        yMax={5}
        series={[{ label: s('mean'), data: divisions.map((d) => num(d.mean)), color: BLUE }]}
      />
      <CellTable
        locale={locale}
        settings={settings}
        caption={t('byDivision')}
        labelHeader={s('division')}
        rows={stats.byDivision.map((d) => ({ key: d.slug, label: d.name, cell: d }))}
      />
      <h2>{t('byServicePoint')}</h2>
      <ChartCanvas
        type="bar"
        horizontal
        height={360}
        labels={points.map((p) => p.name)}
        yMin={1}
        yMax={5}
        series={[{ label: s('mean'), data: points.map((p) => num(p.mean)), color: BLUE }]}
      />
      <CellTable
        locale={locale}
        settings={settings}
        caption={t('byServicePoint')}
        labelHeader={s('servicePoint')}
        rows={stats.byServicePoint.map((p) => ({ key: p.slug, label: p.name, cell: p }))}
      />
      <h2>{t('byChannel')}</h2>
      <CellTable
        locale={locale}
        settings={settings}
        caption={t('byChannel')}
        labelHeader={s('channel')}
        rows={stats.byChannel.map((c) => ({ key: c.channel, label: s(`channels.${c.channel}`), cell: c }))}
      />
    </section>
  );
}

/** Who answered: counts and percentages per respondent question (Part 1 of the report), with their satisfaction. */
export async function RespondentsSection({ locale, settings, stats }: Props) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const more = await getTranslations({ locale, namespace: 'more' });
  return (
    <section className="dashboard-section" aria-labelledby="respondents-heading">
      <h2 id="respondents-heading">{t('respondents')}</h2>
      <div className="columns">
        {RESPONDENT_QUESTION_KEYS.map((question) => (
          <table className="data" key={question}>
            <caption>{more(`respondent.${question}.label`)}</caption>
            <thead>
              <tr>
                <th scope="col">{more(`respondent.${question}.label`)}</th>
                <th scope="col" className="num">
                  {s('count')}
                </th>
                <th scope="col" className="num">
                  {s('percent')}
                </th>
                <th scope="col" className="num">
                  {s('mean')}
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.respondents[question].map((row) => (
                <tr key={row.value ?? 'none'}>
                  <th scope="row">
                    {row.value ? more(`respondent.${question}.options.${row.value}` as 'respondent.gender.options.male') : s('notAnswered')}
                  </th>
                  <td className="num">{countText(row.n, locale, settings)}</td>
                  <td className="num">{statText(row.percent, locale, settings)}</td>
                  <td className="num">{statText(row.overall.mean, locale, settings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}

import { getTranslations } from 'next-intl/server';
import { CellTable } from '@/components/dashboard/cell-table';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import { rankingSentence } from '@/lib/report/narrative';
import type { ReportData } from '@/lib/report/load-report';
import { statText } from '@/lib/stats/display';
import { roundStat } from '@/lib/stats/round';
import { DIMENSIONS } from '@/lib/survey/options';

const LPA_TARGET = 70;

/** Part 2: overall and per dimension, then each dimension's items, then by service point, each with its sentence. */
export async function ReportResults({ locale, settings, data, firstTable }: { locale: Locale; settings: DisplaySettings; data: ReportData; firstTable: number }) {
  const t = await getTranslations({ locale, namespace: 'staff.report' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const dim = await getTranslations({ locale, namespace: 'more.dimensions' });
  const { stats } = data;
  const mean = (m: number) => statText(m, locale, settings);
  const say = (key: 'highest' | 'next' | 'lowest' | 'only', values: Record<string, string>) => t(key, values);
  let table = firstTable;

  if (!stats.overall.level) {
    return (
      <section className="report-section">
        <h2>{t('part2')}</h2>
        <p>{t('noData')}</p>
      </section>
    );
  }
  const percent = roundStat(stats.overall.percent!, 2);
  const dimensions = stats.dimensions.filter((d) => d.mean !== null);
  return (
    <section className="report-section">
      <h2>{t('part2')}</h2>
      <p>
        {t('overallSentence', {
          level: s(`levels.${stats.overall.level}`),
          mean: mean(stats.overall.mean!),
          sd: statText(stats.overall.sd, locale, settings),
          percent: statText(stats.overall.percent, locale, settings),
        })}{' '}
        {t('target', { percent: statText(stats.overall.percent, locale, settings), verdict: t(percent >= LPA_TARGET ? 'targetMet' : 'targetMissed') })}
      </p>
      <CellTable showCaption locale={locale} settings={settings} caption={t('part2Table', { number: table++ })} labelHeader={s('dimension')}
        rows={[
          { key: 'overall', label: s('overall'), cell: stats.overall },
          ...stats.dimensions.map((d) => ({ key: d.dimension, label: dim(d.dimension), cell: d })),
          { key: 'all', label: <strong>{s('allItems')}</strong>, cell: stats.allItems },
        ]} />
      {dimensions.length > 0 && (
        <p>
          {t('dimensionsIntro')} {rankingSentence(say, dimensions.map((d) => ({ name: dim(d.dimension), mean: d.mean! })), mean, locale)}
        </p>
      )}
      {DIMENSIONS.map((dimension) => {
        const items = stats.items.filter((i) => i.dimension === dimension && i.mean !== null);
        if (items.length === 0) return null;
        const number = table++;
        return (
          <div key={dimension} className="report-block">
            <CellTable showCaption locale={locale} settings={settings} caption={t('part2DimensionTable', { number, dimension: dim(dimension) })} labelHeader={s('item')}
              rows={items.map((i) => ({ key: i.code, label: i.text, cell: i }))} />
            <p>
              {t('itemsIntro', { dimension: dim(dimension) })} {rankingSentence(say, items.map((i) => ({ name: i.text, mean: i.mean! })), mean, locale)}
            </p>
          </div>
        );
      })}
      <div className="report-block">
        <CellTable showCaption locale={locale} settings={settings} caption={t('part2PointTable', { number: table })} labelHeader={s('servicePoint')}
          rows={stats.byServicePoint.filter((p) => p.n).map((p) => ({ key: p.slug, label: p.name, cell: p }))} />
      </div>
    </section>
  );
}

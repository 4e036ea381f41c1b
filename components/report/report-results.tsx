import type { Locale } from '@/i18n/routing';
import type { ReportData } from '@/lib/report/load-report';
import { rankingSentence, ranksOf } from '@/lib/report/narrative';
import type { ReportOutline } from '@/lib/report/outline';
import type { ReportFormat } from '@/lib/report/report-format';
import { roundStat } from '@/lib/stats/round';
import { DIMENSIONS } from '@/lib/responses/options';
import { ReportStatTable } from './report-stat-table';
import type { ReportTexts } from './report-texts';
import { captionOf } from './table-captions';

export const LPA_TARGET = 70;

/**
 * Part 2: overall and per dimension, then each dimension's items in the questionnaire's order with their rank, then
 * by service point, each table followed by its ranking in words. Counts say what they count: people for the overall
 * question and for an item, answers for a dimension (which pools several items per person).
 */
export function ReportResults({
  locale,
  data,
  outline,
  t,
  f,
}: {
  locale: Locale;
  data: ReportData;
  outline: ReportOutline;
  t: ReportTexts;
  f: ReportFormat;
}) {
  const { stats } = data;
  const mean = (m: number) => f.stat(m);
  if (!stats.overall.level) {
    return (
      <section className="report-section" id="part2" aria-labelledby="part2-heading">
        <h2 id="part2-heading">{t.r('part2')}</h2>
        <p>{t.r('noData')}</p>
      </section>
    );
  }
  const percent = roundStat(stats.overall.percent!, 2);
  const dimensionRanks = ranksOf(stats.dimensions.map((d) => d.mean));
  const rated = stats.dimensions.filter((d) => d.mean !== null);
  const points = stats.byServicePoint.filter((p) => p.n);
  const pointRanks = ranksOf(points.map((p) => p.mean));
  return (
    <section className="report-section" id="part2" aria-labelledby="part2-heading">
      <h2 id="part2-heading">{t.r('part2')}</h2>
      <p>
        {t.r('overallSentence', {
          level: t.s(`levels.${stats.overall.level}`),
          mean: mean(stats.overall.mean!),
          sd: f.stat(stats.overall.sd),
          percent: f.stat(stats.overall.percent),
        })}{' '}
        {t.r('target', { percent: f.stat(stats.overall.percent), verdict: t.r(percent >= LPA_TARGET ? 'targetMet' : 'targetMissed') })}
      </p>
      <ReportStatTable
        id="table-dimensions"
        caption={captionOf(outline, 'dimensions', t, f)}
        labelHeader={t.s('dimension')}
        countHeader={t.r('countN')}
        note={t.r('dimensionNote')}
        t={t}
        f={f}
        rows={[
          { key: 'overall', rank: null, label: t.s('overall'), cell: stats.overall },
          ...stats.dimensions.map((d, i) => ({
            key: d.dimension,
            rank: dimensionRanks[i]!,
            label: t.m(`dimensions.${d.dimension}`),
            cell: d,
          })),
          { key: 'all', rank: null, label: t.s('allItems'), cell: stats.allItems, total: true },
        ]}
      />
      {rated.length > 0 && (
        <p>
          {t.r('dimensionsIntro')}{' '}
          {rankingSentence(
            t.r,
            rated.map((d) => ({ name: t.m(`dimensions.${d.dimension}`), mean: d.mean! })),
            mean,
            locale,
          )}
        </p>
      )}
      {DIMENSIONS.map((dimension) => {
        const items = stats.items.filter((i) => i.dimension === dimension && i.mean !== null).sort((a, b) => a.surveyOrder - b.surveyOrder);
        if (items.length === 0) return null;
        const ranks = ranksOf(items.map((i) => i.mean));
        const key = `items-${dimension}`;
        return (
          <div key={dimension} className="report-block">
            <ReportStatTable
              id={`table-${key}`}
              caption={captionOf(outline, key, t, f)}
              labelHeader={t.s('item')}
              countHeader={t.r('countRespondents')}
              t={t}
              f={f}
              rows={items.map((i, index) => ({ key: i.code, rank: ranks[index]!, label: f.text(i.text), cell: i }))}
            />
            <p>
              {t.r('itemsIntro', { dimension: t.m(`dimensions.${dimension}`) })}{' '}
              {rankingSentence(
                t.r,
                items.map((i) => ({ name: f.text(i.text), mean: i.mean! })),
                mean,
                locale,
              )}
            </p>
          </div>
        );
      })}
      {points.length > 0 && (
        <div className="report-block">
          <ReportStatTable
            id="table-points"
            caption={captionOf(outline, 'points', t, f)}
            labelHeader={t.s('servicePoint')}
            countHeader={t.r('countRespondents')}
            t={t}
            f={f}
            rows={points.map((p, i) => ({ key: p.slug, rank: pointRanks[i]!, label: f.text(p.name), cell: p }))}
          />
        </div>
      )}
    </section>
  );
}

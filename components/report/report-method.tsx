import type { Locale } from '@/i18n/routing';
import type { ReportData } from '@/lib/report/load-report';
import { channelsPhrase } from '@/lib/report/narrative';
import type { ReportOutline } from '@/lib/report/outline';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';
import { captionOf } from './table-captions';

/** The method: who, when, how many, through which channels (those actually used, with their counts), the scale and the bands. */
export function ReportMethod({
  locale,
  data,
  name,
  outline,
  t,
  f,
}: {
  locale: Locale;
  data: ReportData;
  name: string;
  outline: ReportOutline;
  t: ReportTexts;
  f: ReportFormat;
}) {
  const { stats } = data;
  const channels = channelsPhrase(t.r, locale, stats.byChannel, (n) => f.count(n));
  return (
    <section className="report-section" id="method" aria-labelledby="method-heading">
      <h2 id="method-heading">{t.r('methodHeading')}</h2>
      <p>
        {t.r('method', {
          organisation: name,
          from: f.date(stats.filter.from!),
          to: f.date(stats.filter.to!),
          channels,
          responses: f.count(stats.counts.responses),
          withItems: f.count(stats.counts.withItems),
          oneTap: f.count(stats.counts.oneTapOnly),
        })}
      </p>
      {stats.counts.flagged > 0 && <p>{t.r('excluded', { flagged: f.count(stats.counts.flagged) })}</p>}
      <p>{t.r('instrument')}</p>
      <p>{t.r('statistics')}</p>
      <figure className="report-table report-bands" id="table-bands">
        <table className="data">
          <caption className="report-caption">{captionOf(outline, 'bands', t, f)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.r('range')}</th>
              <th scope="col">{t.s('level')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.levelBands.bands.map((band) => (
              <tr key={band.level}>
                <td>
                  {f.stat(band.min)} – {f.stat(band.max)}
                </td>
                <td>{t.s(`levels.${band.level}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </figure>
    </section>
  );
}

import type { ReportData } from '@/lib/report/load-report';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';

/**
 * The cover: the municipality's emblem where the settings have one, the title, the fiscal year in B.E., the round
 * (12 months or the first 6) with its dates, the municipality and the office that prepared it. A page of its own.
 */
export function ReportCover({
  data,
  name,
  office,
  t,
  f,
}: {
  data: ReportData;
  name: string;
  office?: string;
  t: ReportTexts;
  f: ReportFormat;
}) {
  const { from, to } = data.stats.filter;
  return (
    <section className="report-cover" aria-labelledby="report-title">
      {data.logoUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- printed on the report's cover: the uploaded logo itself, at print resolution
        <img className="report-logo" src={data.logoUrl} alt="" />
      )}
      <h1 id="report-title">{t.r('title')}</h1>
      <p className="report-year">{t.r('titleYear', { year: f.int(data.fiscalYear) })}</p>
      <p className="report-round">{t.r(data.round === 'h1' ? 'titleRound' : 'titleRoundFull', { from: f.date(from!), to: f.date(to!) })}</p>
      <p className="report-org">{name}</p>
      {office && <p>{t.r('preparedBy', { office })}</p>}
      <p className="muted report-generated">{t.r('generated', { date: f.date(new Date()) })}</p>
    </section>
  );
}

import type { ReportData } from '@/lib/report/load-report';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';

/**
 * Part 4: how the results were used. Improvement actions fill it (they are recorded by divisions): those completed
 * in the period, then those under way; until then it says plainly that none are recorded for the period.
 */
export function ReportImprovements({ data, t, f }: { data: ReportData; t: ReportTexts; f: ReportFormat }) {
  const actions = [...data.actions.done, ...data.actions.inProgress];
  return (
    <section className="report-section" id="part4" aria-labelledby="part4-heading">
      <h2 id="part4-heading">{t.r('part4')}</h2>
      {actions.length === 0 ? (
        <p>{t.r('part4None')}</p>
      ) : (
        <ol>
          {actions.map((a) => (
            <li key={a.id}>
              <strong>{f.text(a.title)}</strong> — {f.text(a.division)} · {t.status(a.status)}
              {a.completedDate && ` · ${f.date(a.completedDate)}`}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

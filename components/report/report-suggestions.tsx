import type { ReportData } from '@/lib/report/load-report';
import type { ReportOutline } from '@/lib/report/outline';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';
import { captionOf } from './table-captions';

/** Part 3: suggestions by category, with counts, how many were resolved, the share answered in time, and published examples only. */
export function ReportSuggestions({ data, outline, t, f }: { data: ReportData; outline: ReportOutline; t: ReportTexts; f: ReportFormat }) {
  const { suggestions } = data;
  return (
    <section className="report-section" id="part3" aria-labelledby="part3-heading">
      <h2 id="part3-heading">{t.r('part3')}</h2>
      {suggestions.total === 0 ? (
        <p>{t.r('part3None')}</p>
      ) : (
        <>
          <p>{t.r('part3Intro', { total: f.count(suggestions.total) })}</p>
          {suggestions.replies.due > 0 && (
            <p>
              {t.r('repliesInTime', {
                due: f.count(suggestions.replies.due),
                answered: f.count(suggestions.replies.answeredInTime),
                days: f.count(suggestions.replies.dueDays),
                percent: f.stat((suggestions.replies.answeredInTime / suggestions.replies.due) * 100),
              })}
            </p>
          )}
          <figure className="report-table" id="table-suggestions">
            <table className="data">
              <caption className="report-caption">{captionOf(outline, 'suggestions', t, f)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.r('category')}</th>
                  <th scope="col" className="num">
                    {t.s('count')}
                  </th>
                  <th scope="col" className="num">
                    {t.r('resolved')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {suggestions.byCategory.map((c) => (
                  <tr key={c.category}>
                    <th scope="row">{t.m(`categories.${c.category}`)}</th>
                    <td className="num">{f.count(c.count)}</td>
                    <td className="num">{f.count(c.byStatus.resolved ?? 0)}</td>
                  </tr>
                ))}
                <tr className="report-total">
                  <th scope="row">{t.r('total')}</th>
                  <td className="num">{f.count(suggestions.total)}</td>
                  <td className="num">{f.count(suggestions.byCategory.reduce((sum, c) => sum + (c.byStatus.resolved ?? 0), 0))}</td>
                </tr>
              </tbody>
            </table>
          </figure>
          {suggestions.byCategory.some((c) => c.examples.length > 0) && (
            <>
              <h3>{t.r('part3Examples')}</h3>
              {suggestions.byCategory
                .filter((c) => c.examples.length > 0)
                .map((c) => (
                  <div key={c.category} className="report-examples">
                    <h4>{t.m(`categories.${c.category}`)}</h4>
                    <ul>
                      {c.examples.map((example, i) => (
                        <li key={i}>“{f.text(example)}”</li>
                      ))}
                    </ul>
                  </div>
                ))}
            </>
          )}
        </>
      )}
    </section>
  );
}

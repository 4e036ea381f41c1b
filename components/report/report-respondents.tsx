import type { Locale } from '@/i18n/routing';
import type { ReportData } from '@/lib/report/load-report';
import { respondentSentence } from '@/lib/report/narrative';
import type { ReportOutline } from '@/lib/report/outline';
import type { ReportFormat } from '@/lib/report/report-format';
import { RESPONDENT_QUESTION_KEYS } from '@/lib/responses/options';
import type { ReportTexts } from './report-texts';
import { captionOf } from './table-captions';

/**
 * Part 1: the respondents, people and percentages per question, and a sentence that names the largest group among
 * those who answered, saying first when more people left the question blank.
 */
export function ReportRespondents({
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
  const total = data.stats.counts.responses;
  return (
    <section className="report-section" id="part1" aria-labelledby="part1-heading">
      <h2 id="part1-heading">{t.r('part1')}</h2>
      {RESPONDENT_QUESTION_KEYS.map((question) => {
        const label = (value: string | null) => (value ? t.m(`respondent.${question}.options.${value}`) : t.s('notAnswered'));
        const rows = data.stats.respondents[question].map((r) => ({
          value: r.value,
          label: label(r.value),
          n: r.n ?? 0,
          percent: r.percent,
        }));
        const questionLabel = t.m(`respondent.${question}.label`);
        const key = `respondents-${question}`;
        return (
          <div key={question} className="report-block">
            <figure className="report-table" id={`table-${key}`}>
              <table className="data">
                <caption className="report-caption">{captionOf(outline, key, t, f)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{questionLabel}</th>
                    <th scope="col" className="num">
                      {t.r('countPeople')}
                    </th>
                    <th scope="col" className="num">
                      {t.s('percent')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.value ?? 'none'}>
                      <th scope="row">{row.label}</th>
                      <td className="num">{f.count(row.n)}</td>
                      <td className="num">{f.stat(row.percent)}</td>
                    </tr>
                  ))}
                  <tr className="report-total">
                    <th scope="row">{t.r('total')}</th>
                    <td className="num">{f.count(total)}</td>
                    <td className="num">{f.stat(total ? 100 : null)}</td>
                  </tr>
                </tbody>
              </table>
            </figure>
            <p>
              {respondentSentence(
                t.r,
                locale,
                locale === 'en' ? questionLabel.toLowerCase() : questionLabel,
                rows,
                total,
                (n) => f.count(n),
                (v) => f.stat(v),
              )}
            </p>
          </div>
        );
      })}
    </section>
  );
}

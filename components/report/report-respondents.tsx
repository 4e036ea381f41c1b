import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import type { ReportData } from '@/lib/report/load-report';
import { countText, statText } from '@/lib/stats/display';
import { RESPONDENT_QUESTION_KEYS } from '@/lib/survey/options';

/** Part 1: the respondents, counts and percentages per question, and the largest group in words. */
export async function ReportRespondents({ locale, settings, data, firstTable }: { locale: Locale; settings: DisplaySettings; data: ReportData; firstTable: number }) {
  const t = await getTranslations({ locale, namespace: 'staff.report' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const label = (q: (typeof RESPONDENT_QUESTION_KEYS)[number], v: string) => more(`respondent.${q}.options.${v}` as 'respondent.gender.options.male');
  return (
    <section className="report-section">
      <h2>{t('part1')}</h2>
      {RESPONDENT_QUESTION_KEYS.map((question, index) => {
        const rows = data.stats.respondents[question];
        const answered = rows.filter((r) => r.value !== null && (r.n ?? 0) > 0).sort((a, b) => (b.n ?? 0) - (a.n ?? 0));
        const top = answered[0];
        const questionLabel = more(`respondent.${question}.label`);
        return (
          <div key={question} className="report-block">
            <table className="data">
              <caption className="report-caption">{t('respondentTable', { number: firstTable + index, question: questionLabel })}</caption>
              <thead>
                <tr><th scope="col">{questionLabel}</th><th scope="col" className="num">{s('count')}</th><th scope="col" className="num">{s('percent')}</th></tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.value ?? 'none'}>
                    <th scope="row">{row.value ? label(question, row.value) : s('notAnswered')}</th>
                    <td className="num">{countText(row.n, locale, settings)}</td>
                    <td className="num">{statText(row.percent, locale, settings)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row"><strong>{t('total')}</strong></th>
                  <td className="num"><strong>{countText(data.stats.counts.responses, locale, settings)}</strong></td>
                  <td className="num"><strong>{statText(data.stats.counts.responses ? 100 : null, locale, settings)}</strong></td>
                </tr>
              </tbody>
            </table>
            <p>
              {top
                ? t('part1Most', { question: questionLabel, value: label(question, top.value!), n: countText(top.n, locale, settings), percent: statText(top.percent, locale, settings) })
                : t('part1None', { question: questionLabel })}
            </p>
          </div>
        );
      })}
    </section>
  );
}

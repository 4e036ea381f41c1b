import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import type { ReportData } from '@/lib/report/load-report';
import { countText, statText } from '@/lib/stats/display';

/** Part 3: suggestions by category, with counts, how many were resolved, and published examples only. */
export async function ReportSuggestions({ locale, settings, data }: { locale: Locale; settings: DisplaySettings; data: ReportData }) {
  const t = await getTranslations({ locale, namespace: 'staff.report' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const categories = await getTranslations({ locale, namespace: 'more.categories' });
  const { suggestions } = data;
  return (
    <section className="report-section">
      <h2>{t('part3')}</h2>
      {suggestions.total === 0 ? (
        <p>{t('part3None')}</p>
      ) : (
        <>
          <p>{t('part3Intro', { total: countText(suggestions.total, locale, settings) })}</p>
          {suggestions.replies.due > 0 && (
            <p>
              {t('repliesInTime', {
                due: countText(suggestions.replies.due, locale, settings),
                answered: countText(suggestions.replies.answeredInTime, locale, settings),
                days: countText(suggestions.replies.dueDays, locale, settings),
                percent: statText((suggestions.replies.answeredInTime / suggestions.replies.due) * 100, locale, settings),
              })}
            </p>
          )}
          <table className="data">
            <thead>
              <tr><th scope="col">{t('category')}</th><th scope="col" className="num">{s('count')}</th><th scope="col" className="num">{t('resolved')}</th></tr>
            </thead>
            <tbody>
              {suggestions.byCategory.map((c) => (
                <tr key={c.category}>
                  <th scope="row">{categories(c.category as 'other')}</th>
                  <td className="num">{countText(c.count, locale, settings)}</td>
                  <td className="num">{countText(c.byStatus.resolved ?? 0, locale, settings)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {suggestions.byCategory.some((c) => c.examples.length > 0) && (
            <>
              <h3>{t('part3Examples')}</h3>
              {suggestions.byCategory.filter((c) => c.examples.length > 0).map((c) => (
                <div key={c.category}>
                  <h4>{categories(c.category as 'other')}</h4>
                  <ul>
                    {c.examples.map((example, i) => (
                      <li key={i}>“{example}”</li>
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

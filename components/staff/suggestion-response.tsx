import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { SuggestionDetail } from '@/lib/feedback/types';
import { formatDate, formatDateTime } from '@/lib/format/thai-format';
import { RESPONDENT_QUESTION_KEYS } from '@/lib/responses/options';

/** The response a suggestion came with (ratings, service point, time, respondent) and, where allowed, the contact. */
export async function SuggestionResponse({ locale, detail }: { locale: Locale; detail: SuggestionDetail }) {
  const t = await getTranslations({ locale, namespace: 'staff.suggestion' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const { response } = detail;
  return (
    <>
      <section aria-labelledby="response-heading">
        <h2 id="response-heading">{t('response')}</h2>
        <dl className="facts">
          <dt>{t('servicePoint')}</dt>
          <dd>{response.servicePoint.name}</dd>
          <dt>{t('receivedAt')}</dt>
          <dd>{formatDateTime(response.createdAt, locale)}</dd>
          <dt>{t('overall')}</dt>
          <dd>{response.overallRating} / 5</dd>
          <dt>{t('channel')}</dt>
          <dd>{t(`channels.${response.channel}`)}</dd>
        </dl>
        <h3>{t('answers')}</h3>
        {response.answers.length === 0 ? (
          <p className="muted">{t('noAnswers')}</p>
        ) : (
          <table className="data">
            <tbody>
              {response.answers.map((a) => (
                <tr key={a.code}>
                  <td>{a.text}</td>
                  <td className="num">{a.rating}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {Object.keys(response.respondent).length > 0 && (
          <>
            <h3>{t('respondent')}</h3>
            <dl className="facts">
              {RESPONDENT_QUESTION_KEYS.filter((q) => response.respondent[q]).map((q) => (
                <div key={q} className="contents">
                  <dt>{more(`respondent.${q}.label`)}</dt>
                  <dd>{more(`respondent.${q}.options.${response.respondent[q]}` as 'respondent.gender.options.male')}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </section>
      {detail.wantsReply && (
        <section aria-labelledby="contact-heading">
          <h2 id="contact-heading">{t('contact')}</h2>
          {detail.contact ? (
            <dl className="facts">
              {detail.contact.name && (
                <>
                  <dt>{more('name')}</dt>
                  <dd>{detail.contact.name}</dd>
                </>
              )}
              {detail.contact.phone && (
                <>
                  <dt>{more('phone')}</dt>
                  <dd>
                    <a href={`tel:${detail.contact.phone.replace(/[^+\d]/g, '')}`}>{detail.contact.phone}</a>
                  </dd>
                </>
              )}
              {detail.contact.email && (
                <>
                  <dt>{more('email')}</dt>
                  <dd>
                    <a href={`mailto:${detail.contact.email}`}>{detail.contact.email}</a>
                  </dd>
                </>
              )}
              <dt />
              <dd className="muted">{t('purgeAfter', { date: formatDate(detail.contact.purgeAfter, locale) })}</dd>
            </dl>
          ) : (
            <p className="muted">{t('contactHidden')}</p>
          )}
        </section>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/ui/page-shell';
import { ForgetContactForm } from '@/components/ui/forget-contact-form';
import { ResolutionFeedbackForm } from '@/components/ui/resolution-feedback-form';
import { ReferenceLookup } from '@/components/ui/reference-lookup';
import { asLocale } from '@/i18n/page-locale';
import { formatDate, formatDateTime } from '@/lib/format/thai-format';
import { sourceHash } from '@/lib/http/client-address';
import { forgetContactAction } from '@/lib/privacy/actions/forget-contact-action';
import { resolutionFeedbackAction } from '@/lib/privacy/actions/resolution-feedback-action';
import { getDb, serviceRole } from '@/lib/db';
import { receiptForReference } from '@/lib/responses/receipt';
import { trackReference } from '@/lib/track';
import { localePath } from '@/i18n/paths';

type Props = { params: Promise<{ locale: string; reference: string }> };

function typedReference(raw: string): string {
  try {
    return decodeURIComponent(raw).slice(0, 60);
  } catch {
    return raw.slice(0, 60); // a malformed %-escape is just an unknown reference
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, reference } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'track' });
  return { title: t('metaTitle', { reference: typedReference(reference) }), robots: { index: false } };
}

/**
 * The status of one reference, opened with the whole code on the receipt (reference + check code), with the
 * municipality's public replies. Every lookup counts toward the address's limit (lib/track.ts). Erasing contact
 * details and "did this solve it?" are offered only to the browser that holds the receipt (issue 17).
 */
export default async function TrackPage({ params }: Props) {
  const { locale: segment, reference } = await params;
  const locale = asLocale(segment);
  const typed = typedReference(reference);
  const outcome = await trackReference(typed, locale, sourceHash(await headers()));
  const t = await getTranslations({ locale, namespace: 'track' });
  const more = await getTranslations({ locale, namespace: 'more' });

  if (outcome.kind !== 'found') {
    return (
      <PageShell locale={locale} path="/track">
        {outcome.kind === 'rate_limited' ? (
          <p className="notice notice-error" role="alert">
            {t('tooMany')}
          </p>
        ) : outcome.kind === 'needs_check_code' ? (
          <>
            <h1>{t('needsCheckCodeTitle')}</h1>
            <p>{t('needsCheckCodeBody')}</p>
          </>
        ) : (
          <>
            <h1>{t('notFoundTitle')}</h1>
            <p>{t('notFoundBody')}</p>
          </>
        )}
        <ReferenceLookup locale={locale} defaultValue={typed} />
      </PageShell>
    );
  }

  const { tracked, receiptCode, checkCode } = outcome;
  const answered = tracked.suggestion
    ? await (await getDb()).rpc('track_actions', { p_reference: tracked.reference, p_check: checkCode, p_locale: locale }, serviceRole)
    : null;
  // The citizen who filed it, on the browser they filed it from: only they may erase or answer.
  const isFiler = Boolean(tracked.suggestion && (await receiptForReference(tracked.reference)));
  const feedback = await getTranslations({ locale, namespace: 'public.feedback' });
  return (
    <PageShell locale={locale} path={`/track/${receiptCode}`}>
      <h1>{t('heading')}</h1>
      <output className="reference">{receiptCode}</output>
      <dl className="facts">
        <dt>{t('servicePoint')}</dt>
        <dd>{tracked.servicePoint}</dd>
        <dt>{t('submittedAt')}</dt>
        <dd>{formatDate(tracked.submittedAt, locale)}</dd>
      </dl>
      {tracked.suggestion ? (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">{t('suggestionStatus')}</h2>
          <p className="notice notice-ok">{t(`status.${tracked.suggestion.status}`)}</p>
          <dl className="facts">
            <dt>{t('category')}</dt>
            <dd>{more(`categories.${tracked.suggestion.category}`)}</dd>
            <dt>{t('updatedAt')}</dt>
            <dd>{formatDateTime(tracked.suggestion.updatedAt, locale)}</dd>
          </dl>
          {tracked.suggestion.replies.length > 0 && (
            <>
              <h2>{t('replies')}</h2>
              <ol className="timeline">
                {tracked.suggestion.replies.map((reply, i) => (
                  <li key={i}>
                    <strong>{formatDateTime(reply.at, locale)}</strong>
                    <p className="citizen-text">{reply.body}</p>
                  </li>
                ))}
              </ol>
            </>
          )}
          {answered && answered.actions.length > 0 && (
            <>
              <h2>{feedback('actions')}</h2>
              <ul>
                {answered.actions.map((a) => (
                  <li key={a.id}>
                    <a href={localePath({ href: `/improvements/${a.id}`, locale })}>{a.title}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {answered?.askFeedback && isFiler && (
            <ResolutionFeedbackForm
              locale={locale}
              reference={receiptCode}
              given={answered.feedbackGiven ? feedback('already') : undefined}
              labels={{ question: feedback('question'), yes: feedback('yes'), no: feedback('no'), not_sure: feedback('not_sure') }}
              action={resolutionFeedbackAction}
            />
          )}
        </section>
      ) : (
        <p>{t('noSuggestion')}</p>
      )}
      {isFiler && (
        <ForgetContactForm
          locale={locale}
          reference={receiptCode}
          labels={{ heading: t('forgetHeading'), hint: t('forgetHint'), submit: t('forgetSubmit') }}
          action={forgetContactAction}
        />
      )}
      {tracked.suggestion && !isFiler && <p className="muted">{t('forgetElsewhere')}</p>}
    </PageShell>
  );
}

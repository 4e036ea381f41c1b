import type { Metadata } from 'next';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/ui/page-shell';
import { ReferenceLookup } from '@/components/ui/reference-lookup';
import { formatDate, formatDateTime } from '@/lib/format/thai-format';
import { trackReference } from '@/lib/track';

type Props = { params: Promise<{ locale: string; reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, reference } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'track' });
  return { title: t('metaTitle', { reference: decodeURIComponent(reference).slice(0, 40) }), robots: { index: false } };
}

/** The public status of one reference. An unknown reference gets a friendly not-found and the lookup form. */
export default async function TrackPage({ params }: Props) {
  const { locale: segment, reference } = await params;
  const locale = asLocale(segment);
  const typed = decodeURIComponent(reference).slice(0, 40);
  const tracked = await trackReference(typed, locale);
  const t = await getTranslations({ locale, namespace: 'track' });
  const more = await getTranslations({ locale, namespace: 'more' });

  if (!tracked) {
    return (
      <PageShell locale={locale} path="/track">
        <h1>{t('notFoundTitle')}</h1>
        <p>{t('notFoundBody')}</p>
        <ReferenceLookup locale={locale} defaultValue={typed} />
      </PageShell>
    );
  }

  return (
    <PageShell locale={locale} path={`/track/${tracked.reference}`}>
      <h1>{t('heading')}</h1>
      <output className="reference">{tracked.reference}</output>
      <dl className="facts">
        <dt>{t('servicePoint')}</dt>
        <dd>{tracked.servicePoint}</dd>
        <dt>{t('submittedAt')}</dt>
        <dd>{formatDate(tracked.submittedAt, locale)}</dd>
      </dl>
      {tracked.suggestion ? (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">{t('suggestionStatus')}</h2>
          <p className="notice notice-ok">{t(`status.${tracked.suggestion.status}` as 'status.new')}</p>
          <dl className="facts">
            <dt>{t('category')}</dt>
            <dd>{more(`categories.${tracked.suggestion.category}` as 'categories.other')}</dd>
            <dt>{t('updatedAt')}</dt>
            <dd>{formatDateTime(tracked.suggestion.updatedAt, locale)}</dd>
          </dl>
        </section>
      ) : (
        <p>{t('noSuggestion')}</p>
      )}
    </PageShell>
  );
}

import type { Metadata } from 'next';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PageShell } from '@/components/ui/page-shell';
import { env } from '@/lib/env';
import { lineConfigFrom } from '@/lib/line/line-config';
import { formatReceiptCode, parseReceiptCode } from '@/lib/reference';
import { isClientKey } from '@/lib/responses/response-identity';
import { loadSurveyForm } from '@/lib/responses/survey-form';
import { localePath } from '@/i18n/paths';

type Props = {
  params: Promise<{ locale: string; servicePoint: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'thanks' });
  return { title: t('metaTitle'), robots: { index: false } };
}

/**
 * The receipt: the code to follow the suggestion, the reference with its check code (KP-2570-000123-MKHT: the
 * status page needs both, issue 17), and a way back to the faces for the next citizen. The receipt secret is not
 * here: the browser keeps it (lib/responses/receipt.ts).
 */
export default async function ThanksPage({ params, searchParams }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const query = await searchParams;
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const t = await getTranslations({ locale, namespace: 'thanks' });
  const more = await getTranslations({ locale, namespace: 'more' });
  const code = typeof query.ref === 'string' ? parseReceiptCode(query.ref) : null;
  const ref = code ? (code.checkCode ? formatReceiptCode(code.reference, code.checkCode) : code.reference) : undefined;
  // "Follow this in LINE": a plain link, only where LIFF is configured; the LIFF SDK loads on that page, not here.
  const followKey = ref && isClientKey(query.k) && lineConfigFrom(env())?.liffId ? query.k.toLowerCase() : undefined;

  return (
    <PageShell
      locale={locale}
      path={`/s/${form.servicePoint.slug}/thanks${ref ? `?ref=${ref}${followKey ? `&k=${followKey}` : ''}` : ''}`}
      organisation={form.organisation.name}
    >
      {query.offline === '1' && (
        <p className="notice notice-ok" role="status">
          {more('sentAfterOffline')}
        </p>
      )}
      <h1>{t('heading')}</h1>
      {ref && (
        <>
          <p>{t('referenceLabel')}</p>
          <output className="reference" aria-label={t('referenceLabel')}>
            {ref}
          </output>
          <p className="muted">{t('referenceHint')}</p>
          {query.reply === '1' && <p>{t('contactPromise')}</p>}
        </>
      )}
      <div className="actions">
        {ref && (
          <a className="button" href={localePath({ href: `/track/${ref}`, locale })}>
            {t('trackLink')}
          </a>
        )}
        {followKey && (
          <a className="button button-secondary" href={localePath({ href: `/line/follow?k=${followKey}`, locale })}>
            {t('followInLine')}
          </a>
        )}
        <a className="button button-secondary" href={localePath({ href: `/s/${form.servicePoint.slug}`, locale })}>
          {t('rateAgain')}
        </a>
      </div>
    </PageShell>
  );
}

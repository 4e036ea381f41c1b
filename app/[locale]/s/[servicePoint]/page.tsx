import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { RatingFaces } from '@/components/survey/rating-faces';
import { RetiredServicePoint } from '@/components/survey/retired-service-point';
import { PageShell } from '@/components/ui/page-shell';
import { ErrorNotice } from '@/components/ui/error-notice';
import { redirect } from 'next/navigation';
import { localePath } from '@/i18n/paths';
import { mintReceipt, receiptForClientKey } from '@/lib/responses/receipt';
import { identityQuery, readIdentity } from '@/lib/responses/response-identity';
import { loadSurveyForm } from '@/lib/responses/survey-form';

type Props = {
  params: Promise<{ locale: string; servicePoint: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) return {};
  const t = await getTranslations({ locale, namespace: 'survey' });
  return { title: t('metaTitle', { point: form.servicePoint.name }) };
}

/**
 * The QR target: the service point's name and five faces. One tap stores the rating.
 * The response's client key is minted here once and put into the address (one redirect), so that a reload, the back
 * button after a lost answer, or a language switch taps with the same key: the database keeps one response. The form
 * also carries the receipt this browser holds for that key (or a new one for the first tap), since only the receipt
 * lets a second tap with the key touch the response (issue 17); anyone else who opens this address starts a new one.
 */
export default async function SurveyPage({ params, searchParams }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const query = await searchParams;
  const { error } = query;
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const identity = readIdentity(query);
  const base = `/s/${form.servicePoint.slug}`;
  if (!identity.clientKey && form.servicePoint.active && form.survey) {
    const carried = typeof error === 'string' && /^[a-z_]{1,40}$/.test(error) ? `&error=${error}` : '';
    redirect(localePath({ href: `${base}${identityQuery({ clientKey: randomUUID(), channel: identity.channel })}${carried}`, locale }));
  }
  const t = await getTranslations({ locale, namespace: 'survey' });
  const path = `${base}${identityQuery({ clientKey: identity.clientKey, channel: identity.channel })}`;

  return (
    <PageShell locale={locale} path={path} organisation={form.organisation.name}>
      {!form.servicePoint.active ? (
        <RetiredServicePoint locale={locale} form={form} />
      ) : (
        <>
          <h1 className="point-name">{form.servicePoint.name}</h1>
          {form.servicePoint.division && <p className="muted">{form.servicePoint.division}</p>}
          <ErrorNotice locale={locale} code={typeof error === 'string' ? error : undefined} />
          {form.survey ? (
            <>
              <p>{t('tapPrompt')}</p>
              <RatingFaces
                locale={locale}
                servicePoint={form.servicePoint.slug}
                question={form.survey.overallQuestion}
                clientKey={identity.clientKey ?? randomUUID()}
                receipt={(await receiptForClientKey(identity.clientKey)) ?? mintReceipt()}
                channel={identity.channel}
              />
              <p className="muted">{t('anonymous')}</p>
            </>
          ) : (
            <p className="notice notice-error">{t('noSurvey')}</p>
          )}
        </>
      )}
    </PageShell>
  );
}

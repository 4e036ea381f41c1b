import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { FullSurveyForm } from '@/components/survey/full-survey-form';
import { RetiredServicePoint } from '@/components/survey/retired-service-point';
import { PageShell } from '@/components/ui/page-shell';
import { redirect } from 'next/navigation';
import { localePath } from '@/i18n/paths';
import { submitSurveyAction } from '@/lib/responses/actions/submit-survey-action';
import { emptyFormValues } from '@/lib/responses/form-values';
import { fullSurveyProps } from '@/lib/responses/full-survey-labels';
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
  const t = await getTranslations({ locale, namespace: 'more' });
  return { title: t('metaTitle', { point: form.servicePoint.name }), robots: { index: false } };
}

/**
 * "Tell us more": reached after the one tap (k = the response's client key, r = the rating, ref = its reference) or
 * directly. Everything here is optional and updates the same response. Opened directly, it first mints a key into
 * its address, so that a reload or a language switch still continues one response (lib/responses/response-identity.ts).
 * The form carries the receipt this browser holds for the key (lib/responses/receipt.ts): without it, the answers become a
 * new response instead of changing the one the key names (issue 17).
 */
export default async function MorePage({ params, searchParams }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const query = await searchParams;
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const identity = readIdentity(query);
  const base = `/s/${form.servicePoint.slug}/more`;
  if (!identity.clientKey) redirect(localePath({ href: `${base}${identityQuery({ ...identity, clientKey: randomUUID() })}`, locale }));
  const t = await getTranslations({ locale, namespace: 'more' });
  const fromTap = identity.reference !== undefined;
  const receipt = (await receiptForClientKey(identity.clientKey)) ?? mintReceipt();

  return (
    <PageShell locale={locale} path={`${base}${identityQuery(identity)}`} organisation={form.organisation.name}>
      {!form.servicePoint.active || !form.survey ? (
        <RetiredServicePoint locale={locale} form={form} />
      ) : (
        <>
          <h1 className="point-name">{form.servicePoint.name}</h1>
          {fromTap && (
            <p className="notice notice-ok" role="status">
              {t('saved')}
            </p>
          )}
          <FullSurveyForm
            {...await fullSurveyProps({ ...form, survey: form.survey }, locale, identity, receipt)}
            defaults={{
              ...emptyFormValues({ clientKey: identity.clientKey!, servicePoint: form.servicePoint.slug, locale }),
              overallRating: identity.rating ?? '',
            }}
            action={submitSurveyAction}
          />
        </>
      )}
    </PageShell>
  );
}

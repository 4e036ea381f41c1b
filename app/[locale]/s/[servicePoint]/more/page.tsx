import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { FullSurveyForm } from '@/components/survey/full-survey-form';
import { RetiredServicePoint } from '@/components/survey/retired-service-point';
import { PageShell } from '@/components/ui/page-shell';
import { isReference, normalizeReference } from '@/lib/reference';
import { submitSurveyAction } from '@/lib/survey/actions/submit-survey-action';
import { emptyFormValues } from '@/lib/survey/form-values';
import { fullSurveyProps } from '@/lib/survey/full-survey-labels';
import { loadSurveyForm } from '@/lib/survey/survey-form';

type Props = {
  params: Promise<{ locale: string; servicePoint: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
 * directly. Everything here is optional and updates the same response.
 */
export default async function MorePage({ params, searchParams }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const query = await searchParams;
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const t = await getTranslations({ locale, namespace: 'more' });
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  const key = one(query.k);
  const fromTap = key !== undefined && UUID.test(key);
  const rating = one(query.r);
  const ref = one(query.ref);
  const reference = ref && isReference(ref) ? normalizeReference(ref) : undefined;

  return (
    <PageShell locale={locale} path={`/s/${form.servicePoint.slug}/more`} organisation={form.organisation.name}>
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
            {...await fullSurveyProps({ ...form, survey: form.survey }, locale, reference)}
            defaults={{
              ...emptyFormValues({ clientKey: fromTap ? key : randomUUID(), servicePoint: form.servicePoint.slug, locale }),
              overallRating: rating && /^[1-5]$/.test(rating) ? rating : '',
            }}
            action={submitSurveyAction}
          />
        </>
      )}
    </PageShell>
  );
}

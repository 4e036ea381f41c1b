import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';
import type { SurveyForm } from '@/lib/responses/survey-form';

/** A retired counter's QR code still answers kindly: the poster may hang on the wall for months. */
export async function RetiredServicePoint({ locale, form }: { locale: Locale; form: SurveyForm }) {
  const t = await getTranslations({ locale, namespace: 'survey' });
  return (
    <>
      <h1>{t('retiredTitle')}</h1>
      <p>{t('retiredBody', { point: form.servicePoint.name, organisation: form.organisation.name })}</p>
    </>
  );
}

import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { RatingFaces } from '@/components/survey/rating-faces';
import { RetiredServicePoint } from '@/components/survey/retired-service-point';
import { PageShell } from '@/components/ui/page-shell';
import { ErrorNotice } from '@/components/ui/error-notice';
import { loadSurveyForm } from '@/lib/survey/survey-form';

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

/** The QR target: the service point's name and five faces. One tap stores the rating. */
export default async function SurveyPage({ params, searchParams }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const { error } = await searchParams;
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const t = await getTranslations({ locale, namespace: 'survey' });
  const path = `/s/${form.servicePoint.slug}`;

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
                clientKey={randomUUID()}
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

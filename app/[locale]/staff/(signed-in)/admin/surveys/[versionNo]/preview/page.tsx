import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { getPathname, Link, redirect } from '@/i18n/navigation';
import { AdminOnly } from '@/components/admin/admin-only';
import { FullSurveyForm } from '@/components/survey/full-survey-form';
import { RatingFaces } from '@/components/survey/rating-faces';
import { asLocale } from '@/i18n/page-locale';
import { routing } from '@/i18n/routing';
import { loadAdminSettings } from '@/lib/admin/settings';
import { currentStaff } from '@/lib/auth/current-staff';
import { emptyFormValues } from '@/lib/responses/form-values';
import { fullSurveyProps } from '@/lib/responses/full-survey-labels';
import { previewSurveyAction } from '@/lib/survey-versions/actions/survey-actions';
import { inLocale, loadSurveyVersion } from '@/lib/survey-versions/load-surveys';

type Props = { params: Promise<{ locale: string; versionNo: string }> };

const PREVIEW_KEY = '00000000-0000-4000-8000-000000000000';

/**
 * A version as a citizen would see it, in any of the three languages: the real one-tap faces (disabled: a tap here
 * would store a rating) and the real full form, which validates as usual but sends nothing.
 */
export default async function SurveyPreviewPage({ params }: Props) {
  const { locale: segment, versionNo: raw } = await params;
  const locale = asLocale(segment);
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login', locale });
  if (!/^\d{1,6}$/.test(raw)) notFound();
  const [settings, version] = await Promise.all([loadAdminSettings(session), loadSurveyVersion(session, Number(raw))]);
  if (!settings) return <AdminOnly locale={locale} />;
  if (!version) notFound();
  const t = await getTranslations({ locale, namespace: 'staff.surveys' });
  const common = await getTranslations({ locale, namespace: 'common' });
  const point = settings.servicePoints.find((p) => p.active) ?? settings.servicePoints[0];
  const org = settings.organisation;
  const survey = {
    versionNo: version.versionNo,
    overallQuestion: inLocale(version.overallQuestion, locale),
    respondentQuestions: version.respondentQuestions,
    items: version.items.map((i) => ({ code: i.code, dimension: i.dimension, text: inLocale(i.text, locale) })),
  };
  const form = {
    servicePoint: { slug: point?.slug ?? 'preview', name: point ? inLocale(point.name, locale) : '', active: true },
    organisation: {
      name: inLocale(org.name, locale),
      pdpaNotice: org.pdpa_notice.th ? inLocale(org.pdpa_notice as { th: string }, locale) : undefined,
      contactRetentionDays: org.contact_retention_days,
    },
    survey,
  };

  return (
    <div className="survey-preview">
      <p>
        <Link href={`/staff/admin/surveys/${version.versionNo}`}>← {t('editHeading', { no: version.versionNo })}</Link>
      </p>
      <h1>{t('previewHeading', { no: version.versionNo })}</h1>
      <p className="notice">{t('previewNote')}</p>
      {/* Plain links, as on the citizen pages: a new language is a new document (its <html lang>, its words). */}
      <nav aria-label={common('language')}>
        <ul className="languages">
          {routing.locales.map((l) => (
            <li key={l}>
              <a
                href={getPathname({ href: `/staff/admin/surveys/${version.versionNo}/preview`, locale: l })}
                hrefLang={l}
                lang={l}
                aria-current={l === locale ? 'true' : undefined}
              >
                {common(`languages.${l}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="page" lang={locale}>
        <h2 className="point-name">{form.servicePoint.name}</h2>
        <fieldset disabled className="preview-frame">
          <RatingFaces
            locale={locale}
            servicePoint={form.servicePoint.slug}
            question={survey.overallQuestion}
            clientKey={PREVIEW_KEY}
            channel="qr"
          />
        </fieldset>
        <FullSurveyForm
          {...await fullSurveyProps(form, locale, { channel: 'qr' })}
          defaults={emptyFormValues({ clientKey: PREVIEW_KEY, servicePoint: form.servicePoint.slug, locale })}
          action={previewSurveyAction}
          preview={t('previewSubmitted')}
        />
      </div>
    </div>
  );
}

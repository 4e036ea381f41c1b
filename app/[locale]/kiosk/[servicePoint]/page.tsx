import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { KioskApp } from '@/components/kiosk/kiosk-app';
import type { KioskLabels } from '@/components/kiosk/kiosk-types';
import { asLocale } from '@/i18n/page-locale';
import { routing } from '@/i18n/routing';
import { KIOSK_REASONS } from '@/lib/kiosk/sync-schema';
import { RATINGS } from '@/lib/survey/options';
import { loadSurveyForm } from '@/lib/survey/survey-form';

type Props = { params: Promise<{ locale: string; servicePoint: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) return {};
  const t = await getTranslations({ locale, namespace: 'kiosk' });
  return { title: t('metaTitle', { point: form.servicePoint.name }), robots: { index: false, follow: false } };
}

/**
 * Kiosk mode: /{locale}/kiosk/{servicePoint} on a spare tablet at a busy counter. Server-rendered once with every
 * text it needs; from then on the page works without a network (presses wait in IndexedDB).
 */
export default async function KioskPage({ params }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const t = await getTranslations({ locale, namespace: 'kiosk' });
  const faces = await getTranslations({ locale, namespace: 'faces' });
  const common = await getTranslations({ locale, namespace: 'common' });

  const unavailable = !form.servicePoint.active ? t('retired') : !form.survey ? t('noSurvey') : null;
  const keys = ['tapPrompt', 'followUp', 'skip', 'thanks', 'thanksNote', 'anonymous', 'pairHeading', 'pairIntro', 'codeLabel',
    'pairButton', 'pairing', 'wrongPoint', 'pairOffline', 'revokedHeading', 'rePair'] as const;
  // Templates keep their {placeholders}: the tablet fills them in as its counts change.
  const templates = ['offline', 'waiting', 'syncReport', 'paired', 'revokedBody', 'held'] as const;
  const labels: KioskLabels = {
    ...(Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<(typeof keys)[number], string>),
    ...(Object.fromEntries(templates.map((k) => [k, t.raw(k) as string])) as Record<(typeof templates)[number], string>),
    faces: Object.fromEntries(RATINGS.map((r) => [String(r), faces(String(r) as '5')])),
    reasons: KIOSK_REASONS.map((value) => ({ value, label: t(`reasons.${value}`) })),
  };

  return (
    <main id="main" className="kiosk" lang={locale}>
      <header className="kiosk-header">
        <span className="kiosk-point">{form.servicePoint.name}</span>
        <nav aria-label={common('language')}>
          <ul className="languages">
            {routing.locales.map((l) => (
              <li key={l}>
                <a href={`/${l}/kiosk/${form.servicePoint.slug}`} hrefLang={l} lang={l} aria-current={l === locale ? 'true' : undefined}>
                  {common(`languages.${l}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {unavailable ? (
        <section className="kiosk-screen"><h1 className="kiosk-question">{unavailable}</h1></section>
      ) : (
        <KioskApp
          definition={{ locale, servicePoint: form.servicePoint.slug, pointName: form.servicePoint.name, question: form.survey!.overallQuestion }}
          labels={labels}
        />
      )}
    </main>
  );
}

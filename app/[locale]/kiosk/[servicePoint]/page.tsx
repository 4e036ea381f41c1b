import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { KioskApp } from '@/components/kiosk/kiosk-app';
import type { KioskLanguage } from '@/components/kiosk/kiosk-types';
import { localePath } from '@/i18n/paths';
import { asLocale } from '@/i18n/page-locale';
import { routing } from '@/i18n/routing';
import { kioskLabels } from '@/components/kiosk/kiosk-labels';
import { loadSurveyForm } from '@/lib/responses/survey-form';

type Props = { params: Promise<{ locale: string; servicePoint: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) return {};
  const t = await getTranslations({ locale, namespace: 'kiosk' });
  return {
    title: t('metaTitle', { point: form.servicePoint.name }),
    robots: { index: false, follow: false },
    // Installable: "Add to home screen" opens this counter's kiosk, full screen, in this language.
    manifest: localePath({ href: `/kiosk/${form.servicePoint.slug}/app.webmanifest`, locale }),
  };
}

/**
 * Kiosk mode: /{locale}/kiosk/{servicePoint} on a spare tablet at a busy counter; {locale} is the counter's own
 * language. Server-rendered once with every text it needs in every language (a citizen switches language on the
 * tablet itself, and the next citizen finds the counter's language again); from then on the page works without a
 * network: presses wait in IndexedDB, and a service worker scoped to /{locale}/kiosk/ keeps the page and its files.
 */
export default async function KioskPage({ params }: Props) {
  const { locale: segment, servicePoint } = await params;
  const locale = asLocale(segment);
  const form = await loadSurveyForm(servicePoint, locale);
  if (!form) notFound();
  const t = await getTranslations({ locale, namespace: 'kiosk' });

  const unavailable = !form.servicePoint.active ? t('retired') : !form.survey ? t('noSurvey') : null;
  if (unavailable) {
    return (
      <main id="main" className="kiosk" lang={locale}>
        <header className="kiosk-header">
          <span className="kiosk-point">{form.servicePoint.name}</span>
        </header>
        <section className="kiosk-screen">
          <h1 className="kiosk-question">{unavailable}</h1>
        </section>
      </main>
    );
  }

  // The counter's language first, then the others a citizen may choose.
  const order = [locale, ...routing.locales.filter((l) => l !== locale)];
  const languages: KioskLanguage[] = await Promise.all(
    order.map(async (l) => {
      const own = l === locale ? form : await loadSurveyForm(servicePoint, l);
      return {
        locale: l,
        pointName: own?.servicePoint.name ?? form.servicePoint.name,
        question: own?.survey?.overallQuestion ?? form.survey!.overallQuestion,
        labels: await kioskLabels(l),
      };
    }),
  );

  return (
    <main id="main" className="kiosk">
      <KioskApp servicePoint={form.servicePoint.slug} languages={languages} />
    </main>
  );
}

import { hasLocale } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { getPathname } from '@/i18n/navigation';
import { routing } from '@/i18n/routing';
import { loadSurveyForm } from '@/lib/responses/survey-form';

/**
 * GET /{locale}/kiosk/{servicePoint}/app.webmanifest: what makes one counter's kiosk installable ("Add to home
 * screen", "Install app"). It opens this counter's kiosk, full screen, and its scope is the kiosk of this language
 * only, the same as the service worker's: the installed app never leads into staff pages or the citizens' survey.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; servicePoint: string }> }) {
  const { locale, servicePoint } = await params;
  if (!hasLocale(routing.locales, locale)) return new Response('Not found', { status: 404 });
  const form = await loadSurveyForm(servicePoint, locale).catch(() => null);
  if (!form) return new Response('Not found', { status: 404 });
  const common = await getTranslations({ locale, namespace: 'common' });
  const kiosk = getPathname({ href: `/kiosk/${form.servicePoint.slug}`, locale });
  const manifest = {
    id: kiosk,
    name: `${form.servicePoint.name} · ${common('appName')}`,
    short_name: common('appName'),
    lang: locale,
    start_url: kiosk,
    scope: getPathname({ href: '/kiosk/', locale }),
    display: 'fullscreen',
    background_color: '#ffffff',
    theme_color: '#0b4f8a',
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
  return new Response(JSON.stringify(manifest), {
    headers: {
      'content-type': 'application/manifest+json; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}

import { getTranslations } from 'next-intl/server';
import { routing, type Locale } from '@/i18n/routing';
import { loadSurveyForm } from '@/lib/responses/survey-form';

/**
 * GET /{locale}/kiosk/{servicePoint}/app.webmanifest: what makes one counter's kiosk installable ("Add to home
 * screen", "Install app"). It opens this counter's kiosk, full screen, and its scope is the kiosk of this language
 * only, the same as the service worker's: the installed app never leads into staff pages or the citizens' survey.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string; servicePoint: string }> }) {
  const { locale: segment, servicePoint } = await params;
  if (!(routing.locales as readonly string[]).includes(segment)) return new Response('Not found', { status: 404 });
  const locale = segment as Locale;
  const form = await loadSurveyForm(servicePoint, locale).catch(() => null);
  if (!form) return new Response('Not found', { status: 404 });
  const common = await getTranslations({ locale, namespace: 'common' });
  const manifest = {
    id: `/${locale}/kiosk/${form.servicePoint.slug}`,
    name: `${form.servicePoint.name} · ${common('appName')}`,
    short_name: common('appName'),
    lang: locale,
    start_url: `/${locale}/kiosk/${form.servicePoint.slug}`,
    scope: `/${locale}/kiosk/`,
    display: 'fullscreen',
    background_color: '#ffffff',
    theme_color: '#0b4f8a',
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  };
  return new Response(JSON.stringify(manifest), {
    headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  });
}

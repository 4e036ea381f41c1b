import { hasLocale } from 'next-intl';
import { routing } from '@/i18n/routing';
import { currentBuildId } from '@/lib/kiosk/build-id';
import { kioskServiceWorker } from '@/lib/kiosk/service-worker-script';

/**
 * GET /{locale}/kiosk/sw.js: the kiosk's service worker (lib/kiosk/service-worker-script.ts). Served from inside
 * /{locale}/kiosk/, so that this is the widest scope it can have (no Service-Worker-Allowed header). Its text carries
 * the build id, so each deployment is a new worker with a new cache; the browser asks for it again on every kiosk load
 * (no-cache, and the page registers it with updateViaCache: 'none').
 */
export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return new Response('Not found', { status: 404 });
  return new Response(kioskServiceWorker(locale, currentBuildId()), {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      // The worker's own policy: it fetches from this origin only, and runs nothing else.
      'content-security-policy': "default-src 'none'; connect-src 'self'",
      'x-content-type-options': 'nosniff',
    },
  });
}

import createMiddleware from 'next-intl/middleware';
import { NextResponse, type NextRequest } from 'next/server';
import { routing, type Locale } from './i18n/routing';
import { negotiateLocale } from './lib/http/locale';
import { isCrossOriginWrite } from './lib/http/same-origin';
import th from './messages/th.json';
import en from './messages/en.json';
import my from './messages/my.json';

const intl = createMiddleware(routing);
const forbiddenOrigin: Record<Locale, string> = {
  th: th.errors.forbidden_origin,
  en: en.errors.forbidden_origin,
  my: my.errors.forbidden_origin,
};

/**
 * Runs before every route: (1) refuses state-changing requests from another site with a clear 403 in the reader's
 * language (Next would otherwise answer a forged server-action post with a bare 500), then (2) routes pages by
 * locale: /s/<point> (the QR target) goes to the reader's language, /th/… /en/… /my/… are kept.
 */
export default function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isCrossOriginWrite(request)) {
    const first = pathname.split('/')[1] ?? '';
    const locale = (routing.locales as readonly string[]).includes(first) ? (first as Locale) : negotiateLocale(request);
    const message = forbiddenOrigin[locale];
    return pathname.startsWith('/api/')
      ? NextResponse.json({ error: 'forbidden_origin', message }, { status: 403 })
      : new NextResponse(`<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>403</title><p>${message}</p></html>`, {
          status: 403,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
  }
  if (pathname.startsWith('/api/')) return NextResponse.next();
  return intl(request);
}

export const config = {
  // Everything but Next internals and files with an extension.
  matcher: '/((?!_next|_vercel|.*\\..*).*)',
};

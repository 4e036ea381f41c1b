import { hasLocale } from 'next-intl';
import createMiddleware from 'next-intl/middleware';
import { NextRequest, NextResponse } from 'next/server';
import { routing, type Locale } from './i18n/routing';
import { dbStillDown } from './lib/db/availability';
import { probeOpenedDb } from './lib/db/opened-db';
import { negotiateLocale } from './lib/http/locale';
import { pathProblem, type PathProblem } from './lib/http/request-path';
import { isCrossOriginWrite } from './lib/http/same-origin';
import { contentSecurityPolicy, FILE_CONTENT_SECURITY_POLICY, securityHeaders } from './lib/http/security-headers';
import { updateSession } from './lib/supabase/proxy';
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
 * language (Next would otherwise answer a forged server-action post with a bare 500); (2) gives every request a CSP
 * nonce and the security headers; (3) routes pages by locale: /s/<point> (the QR target) goes to the reader's
 * language, /th/… /en/… /my/… are kept.
 */
export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const https = (request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '')) === 'https';
  if (isCrossOriginWrite(request)) return withSecurityHeaders(forbidden(request, pathname), https);
  const problem = pathProblem(pathname);
  if (problem) return withSecurityHeaders(refusedPath(request, pathname, problem), https);
  // Paths with a dot reach the proxy only through the second matcher below, for the check above; nothing else applies.
  if (pathname.includes('.')) return NextResponse.next();
  if (!pathname.startsWith('/api/') && (await dbStillDown(probeOpenedDb)))
    return withSecurityHeaders(unavailable(request, pathname), https);

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, https, { liff: /^\/(?:th|en|my)\/line\/follow$/.test(pathname) });
  const headers = new Headers(request.headers);
  const requestId = /^[\w-]{8,64}$/.test(request.headers.get('x-request-id') ?? '')
    ? request.headers.get('x-request-id')!
    : crypto.randomUUID();
  headers.set('x-request-id', requestId);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);

  const api = pathname.startsWith('/api/');
  // next-intl forwards these request headers to the page.
  const response = api ? NextResponse.next({ request: { headers } }) : intl(new NextRequest(request, { headers }));
  await updateSession(request, response); // Supabase mode: refresh the staff session onto this response (@supabase/ssr)
  // A header set here wins over the route's own, so an API answer (JSON, an evidence file) gets the policy for data,
  // which lets nothing run: the pages' policy would allow scripts in an evidence file opened as a page.
  response.headers.set('Content-Security-Policy', api ? FILE_CONTENT_SECURITY_POLICY : csp);
  response.headers.set('X-Request-Id', requestId);
  return withSecurityHeaders(response, https);
}

function withSecurityHeaders(response: NextResponse, https: boolean): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders(https))) response.headers.set(name, value);
  return response;
}

function forbidden(request: NextRequest, pathname: string): NextResponse {
  const first = pathname.split('/')[1] ?? '';
  const locale = hasLocale(routing.locales, first) ? first : negotiateLocale(request);
  const message = forbiddenOrigin[locale];
  return pathname.startsWith('/api/')
    ? NextResponse.json({ error: 'forbidden_origin', message }, { status: 403 })
    : new NextResponse(`<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>403</title><p>${message}</p></html>`, {
        status: 403,
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
}

const pathMessages: Record<Locale, Record<PathProblem, string>> = { th: th.request, en: en.request, my: my.request };

/** A path that does not decode, or is longer than any address of the app: 400 / 414 in the reader's language. */
function refusedPath(request: NextRequest, pathname: string, problem: PathProblem): NextResponse {
  const first = pathname.split('/')[1] ?? '';
  const locale = hasLocale(routing.locales, first) ? first : negotiateLocale(request, request.nextUrl.searchParams.get('locale'));
  const message = pathMessages[locale][problem];
  const status = problem === 'path_too_long' ? 414 : 400;
  return pathname.startsWith('/api/')
    ? NextResponse.json({ error: problem, message }, { status })
    : new NextResponse(
        `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${status}</title><p role="alert">${message}</p></html>`,
        {
          status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        },
      );
}

const unavailableMessage: Record<Locale, string> = { th: th.errors.unavailable, en: en.errors.unavailable, my: my.errors.unavailable };

/** While the database is away, a page is a 503 with Retry-After in the reader's language, not a 500 from its render. */
function unavailable(request: NextRequest, pathname: string): NextResponse {
  const first = pathname.split('/')[1] ?? '';
  const locale = hasLocale(routing.locales, first) ? first : negotiateLocale(request);
  return new NextResponse(
    `<!doctype html><html lang="${locale}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>503</title><p role="alert">${unavailableMessage[locale]}</p></html>`,
    { status: 503, headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' } },
  );
}

export const config = {
  // Everything but Next internals and files with an extension; and any path with both a "%" and a dot, so that one
  // that does not decode is refused here too (Next.js would answer it with a 500).
  matcher: ['/((?!_next|_vercel|.*\\..*).*)', '/((?=.*%)(?=.*\\.).*)'],
};

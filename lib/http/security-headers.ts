/**
 * Security headers for every page and API answer. The Content-Security-Policy carries a fresh nonce per request:
 * Next.js reads it from the request's CSP header and puts it on its own scripts, so no inline script runs without it.
 * No inline style attributes are rendered on the server (use classes), so styles need no 'unsafe-inline' either.
 */

/** LINE's hosts that the LIFF SDK talks to, allowed on the follow-in-LINE page only (app/[locale]/line/follow). */
export const LIFF_CONNECT_SOURCES = ['https://api.line.me', 'https://access.line.me', 'https://liffsdk.line-scdn.net'];

export function contentSecurityPolicy(nonce: string, https: boolean, options: { liff?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    options.liff ? `connect-src 'self' ${LIFF_CONNECT_SOURCES.join(' ')}` : "connect-src 'self'",
    // The kiosk's service worker (/{locale}/kiosk/sw.js): 'strict-dynamic' in script-src would not let it register.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // Survey URLs carry a client key for a short while: never tell another site where a citizen came from.
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Downloads and feeds (CSV, XLSX, Atom) are data, never pages: nothing in them may run, frame or load anything. */
export const FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function requestIsHttps(request: Request): boolean {
  return (request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

/**
 * The page security headers, and FILE_CONTENT_SECURITY_POLICY, on every answer of a route whose path has a dot in it
 * (responses.csv, feed.xml): proxy.ts, which sets them for pages, never runs for those paths (its matcher leaves out
 * paths with a dot, so that static files stay cheap). A header the route set itself is kept.
 */
export function withFileSecurityHeaders<Rest extends unknown[]>(
  handler: (request: Request, ...rest: Rest) => Promise<Response>,
): (request: Request, ...rest: Rest) => Promise<Response> {
  return async (request, ...rest) => {
    const response = await handler(request, ...rest);
    const headers = { ...securityHeaders(requestIsHttps(request)), 'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY };
    for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
    return response;
  };
}

import { createServerClient } from '@supabase/ssr';
import type { NextRequest, NextResponse } from 'next/server';
import WebSocket from 'ws';
import { env } from '@/lib/env';
import { staffCookieOptions } from './cookie-options';

/**
 * Refresh Supabase Auth's session on the way through proxy.ts, as @supabase/ssr documents for Next.js: the refreshed
 * cookies go onto the request (for the page rendering now) and onto the response next-intl already produced (for the
 * browser), so a refresh token is used once, here, and never again by a server component (which cannot set cookies:
 * lib/supabase/server.ts refuses to refresh there). Supabase mode only; elsewhere this returns the response untouched.
 *
 * One request is left alone: the render Next.js makes of a server action's redirect target (the sign-in action's
 * redirect to /staff). Next fetches that page from itself, with the header `x-action-redirect`, and drops the
 * Set-Cookie of that internal response, so a refresh made there would spend the refresh token without the browser
 * ever receiving its successor: the browser's next request, with an expired access token, would be signed out.
 */
export const ACTION_REDIRECT_HEADER = 'x-action-redirect';

export async function updateSession(request: NextRequest, response: NextResponse): Promise<NextResponse> {
  const config = env();
  if (config.dbMode !== 'supabase') return response;
  if (request.headers.has(ACTION_REDIRECT_HEADER)) return response;
  const supabase = createServerClient(config.SUPABASE_URL!, config.SUPABASE_ANON_KEY!, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, staffCookieOptions(options));
      },
    },
    realtime: { transport: WebSocket as never },
  });
  // Do not run code between createServerClient and getClaims(): the refresh happens inside getClaims().
  await supabase.auth.getClaims();
  return response;
}

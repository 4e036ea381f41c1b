import { createServerClient } from '@supabase/ssr';
import type { NextRequest, NextResponse } from 'next/server';
import WebSocket from 'ws';
import { env } from '@/lib/env';
import { staffCookieOptions } from './cookie-options';

/**
 * Refresh Supabase Auth's session on the way through proxy.ts, as @supabase/ssr documents for Next.js: the refreshed
 * cookies go onto the request (for the page rendering now) and onto the response next-intl already produced (for the
 * browser), so a refresh token is used once, here, and never again by a server component that cannot set cookies.
 * Supabase mode only; elsewhere this returns the response untouched.
 */
export async function updateSession(request: NextRequest, response: NextResponse): Promise<NextResponse> {
  const config = env();
  if (config.dbMode !== 'supabase') return response;
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

import { createServerClient } from '@supabase/ssr';
import type { NextRequest, NextResponse } from 'next/server';
import WebSocket from 'ws';

/**
 * Refresh Supabase Auth's session cookies on the way through proxy.ts (Supabase mode only), writing them onto the
 * response next-intl already produced, so both keep their cookies.
 * Do not run code between createServerClient and getClaims(): the refresh happens inside getClaims().
 */
export async function updateSupabaseSession(request: NextRequest, response: NextResponse, url: string, anonKey: string) {
  const supabase = createServerClient(url, anonKey, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(cookiesToSet) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, options);
      },
    },
    realtime: { transport: WebSocket as never },
  });
  await supabase.auth.getClaims();
  return response;
}

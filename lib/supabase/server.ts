import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import WebSocket from 'ws';
import { env } from '@/lib/env';
import { staffCookieOptions } from './cookie-options';

/**
 * A per-request Supabase client for staff sign-in and sign-out in Supabase mode, reading and writing Supabase Auth's
 * cookies. Create a new one for every request; never share it between requests.
 *
 * `refresh: false` (reading who is signed in, lib/auth/current-staff.ts) never spends the refresh token: proxy.ts
 * refreshes before every page, and a refresh made while rendering could not send its new cookies to the browser, which
 * would then hold a refresh token already used and be signed out at its next request. Supabase Auth is told nothing:
 * the refresh is answered here with a refusal, and supabase-js keeps a session whose access token is still valid.
 */
export async function createSupabaseServerClient({ refresh = true }: { refresh?: boolean } = {}) {
  const config = env();
  const cookieStore = await cookies();
  return createServerClient(config.SUPABASE_URL!, config.SUPABASE_ANON_KEY!, {
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, staffCookieOptions(options));
        } catch {
          // Called from a server component, where cookies are read-only: proxy.ts refreshes the session instead.
        }
      },
    },
    global: refresh ? undefined : { fetch: withoutRefresh },
    realtime: { transport: WebSocket as never },
  });
}

/** fetch, except that a token refresh is refused on the spot (HTTP 400, as Supabase Auth refuses one it will not do). */
const withoutRefresh: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname.endsWith('/auth/v1/token') && url.searchParams.get('grant_type') === 'refresh_token') {
    return Response.json(
      { code: 400, error_code: 'refresh_in_proxy_only', msg: 'The session is refreshed in proxy.ts only' },
      { status: 400 },
    );
  }
  return fetch(input, init);
};

import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
import WebSocket from 'ws';
import { env } from '@/lib/env';
import { staffCookieOptions } from './cookie-options';

/**
 * A per-request Supabase client for staff sign-in in Supabase mode, reading and writing Supabase Auth's cookies.
 * Create a new one for every request; never share it between requests.
 */
export async function createSupabaseServerClient() {
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
    realtime: { transport: WebSocket as never },
  });
}

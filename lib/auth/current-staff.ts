import { cache } from 'react';
import { cookies } from 'next/headers';
import { getDb } from '@/lib/db';
import { env } from '@/lib/env';
import { SESSION_COOKIE, verifySession } from './session-token';
import type { StaffSession } from './staff-profile';

/**
 * The signed-in staff member for this request, or null. One interface, two back ends: Supabase Auth (through
 * @supabase/ssr, validated with getClaims) when Supabase is configured, otherwise the built-in signed session cookie.
 * Either way the role comes from public.staff via staff_me, so a deactivated account is signed out at once.
 */
export const currentStaff = cache(async (locale: string = 'th'): Promise<StaffSession | null> => {
  const caller = env().dbMode === 'supabase' ? await supabaseCaller() : await builtInCaller();
  if (!caller) return null;
  const db = await getDb();
  const profile = await db.rpc('staff_me', { p_locale: locale }, caller);
  return profile ? { profile, caller } : null;
});

async function builtInCaller(): Promise<StaffSession['caller'] | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const claims = await verifySession(token);
  return claims ? { role: 'authenticated', claims } : null;
}

async function supabaseCaller(): Promise<StaffSession['caller'] | null> {
  const { createSupabaseServerClient } = await import('@/lib/supabase/server');
  const supabase = await createSupabaseServerClient({ refresh: false }); // proxy.ts alone refreshes (lib/supabase/proxy.ts)
  const { data } = await supabase.auth.getClaims();
  if (!data?.claims?.sub) return null;
  const { data: session } = await supabase.auth.getSession(); // its token was just validated by getClaims
  const accessToken = session.session?.access_token;
  if (!accessToken) return null;
  return { role: 'authenticated', claims: { ...data.claims, sub: data.claims.sub, role: 'authenticated' }, accessToken };
}

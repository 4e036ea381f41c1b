'use server';

import { hasLocale } from 'next-intl';
import { cookies } from 'next/headers';
import { redirect } from '@/i18n/navigation';
import { routing, type Locale } from '@/i18n/routing';
import { env } from '@/lib/env';
import { getDb, serviceRole } from '@/lib/db';
import { SESSION_COOKIE, verifySession } from '../session-token';

export async function signOutAction(formData: FormData): Promise<void> {
  const requested = formData.get('locale');
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const jar = await cookies();
  const claims = await verifySession(jar.get(SESSION_COOKIE)?.value);
  if (typeof claims?.session_id === 'string') {
    const db = await getDb();
    await db.rpc('end_staff_session', { p_session_id: claims.session_id }, serviceRole).catch(() => undefined);
  }
  jar.delete(SESSION_COOKIE);
  if (env().dbMode === 'supabase') {
    const { createSupabaseServerClient } = await import('@/lib/supabase/server');
    await (await createSupabaseServerClient()).auth.signOut();
  }
  redirect({ href: '/staff/login?signedOut=1', locale });
}

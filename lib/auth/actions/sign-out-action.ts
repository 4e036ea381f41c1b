'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { routing, type Locale } from '@/i18n/routing';
import { env } from '@/lib/env';
import { SESSION_COOKIE } from '../session-token';

export async function signOutAction(formData: FormData): Promise<void> {
  const requested = formData.get('locale');
  const locale: Locale = routing.locales.find((l) => l === requested) ?? routing.defaultLocale;
  (await cookies()).delete(SESSION_COOKIE);
  if (env().dbMode === 'supabase') {
    const { createSupabaseServerClient } = await import('@/lib/supabase/server');
    await (await createSupabaseServerClient()).auth.signOut();
  }
  redirect(`/${locale}/staff/login?signedOut=1`);
}

'use server';

import { hasLocale } from 'next-intl';
import { cookies, headers } from 'next/headers';
import { redirect } from '@/i18n/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { routing, type Locale } from '@/i18n/routing';
import { env } from '@/lib/env';
import { sourceHash } from '@/lib/http/client-address';
import { requestLog } from '@/lib/log';
import { signInBuiltIn, type SignInResult } from '../built-in-auth';
import { SESSION_COOKIE, SESSION_HOURS } from '../session-token';

export interface SignInState {
  email?: string;
  error?: string;
}

const signInSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
});

/** Staff sign-in. Errors come back in the reader's language; the email is kept, the password never is. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const requested = formData.get('locale');
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'staff.signIn' });
  const email = typeof formData.get('email') === 'string' ? String(formData.get('email')).slice(0, 254) : '';
  const parsed = signInSchema.safeParse({ email, password: formData.get('password') });
  if (!parsed.success) return { email, error: t('required') };

  let result: SignInResult;
  try {
    result =
      env().dbMode === 'supabase'
        ? await (await import('../supabase-auth')).signInSupabase(parsed.data.email, parsed.data.password, sourceHash(await headers()))
        : await signInBuiltIn(parsed.data.email, parsed.data.password, sourceHash(await headers()));
  } catch (error) {
    (await requestLog()).warn({ err: (error as Error).message }, 'sign-in failed to reach the database');
    return { email, error: t('unavailable') };
  }
  if (!result.ok) {
    (await requestLog()).info({ code: result.code }, 'sign-in refused');
    return {
      email,
      error:
        result.code === 'too_many_attempts'
          ? t('too_many_attempts', { minutes: Math.ceil((result.retryAfter ?? 900) / 60) })
          : t('invalid_credentials'),
    };
  }
  if (result.token) {
    (await cookies()).set(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: process.env.NODE_ENV === 'production',
      path: '/',
      maxAge: SESSION_HOURS * 3600,
    });
  }
  (await requestLog()).info({ user: result.claims.sub }, 'staff signed in');
  redirect({ href: '/staff', locale });
}

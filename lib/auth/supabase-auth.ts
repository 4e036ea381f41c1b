import { getDb } from '@/lib/db';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import type { SignInResult } from './built-in-auth';
import { normaliseEmail } from './email';
import { beginSignInAttempt } from './sign-in-limits';

/**
 * Sign-in through Supabase Auth (Supabase mode). Supabase sets its own cookies through @supabase/ssr; this adds the
 * same limits as the built-in back end (lib/auth/sign-in-limits.ts), and refuses accounts that are not active staff.
 * The account's id is known only after Supabase Auth answers, so the limits key on the normalised email, which is
 * also the only spelling sent to Supabase Auth (it lowercases as JavaScript does, so both agree on one account).
 */
export async function signInSupabase(email: string, password: string, sourceHash: string): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  const attempt = await beginSignInAttempt(normalised, sourceHash);
  if (!attempt.allowed) return { ok: false, code: 'too_many_attempts', retryAfter: attempt.retryAfter };
  const supabase = await createSupabaseServerClient();
  const { data, error } = await supabase.auth.signInWithPassword({ email: normalised, password });
  const token = data.session?.access_token;
  const staff = token
    ? await (
        await getDb()
      ).rpc(
        'staff_me',
        { p_locale: 'th' },
        {
          role: 'authenticated',
          claims: { sub: data.user!.id, role: 'authenticated' },
          accessToken: token,
        },
      )
    : null;
  if (error || !token || !staff) {
    if (token) await supabase.auth.signOut();
    return { ok: false, code: 'invalid_credentials' };
  }
  await attempt.succeeded();
  // Supabase's cookies are already set; no cookie of our own.
  return { ok: true, token: '', claims: { sub: data.user!.id, email: data.user!.email } };
}

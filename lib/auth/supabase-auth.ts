import { createHash } from 'node:crypto';
import { getDb } from '@/lib/db';
import { rateLimit } from '@/lib/http/rate-limit';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import type { SignInResult } from './built-in-auth';

/**
 * Sign-in through Supabase Auth (Supabase mode). Supabase sets its own cookies through @supabase/ssr; this adds the
 * same per-address and per-account limits as the built-in back end, and refuses accounts that are not active staff.
 */
export async function signInSupabase(email: string, password: string, sourceHash: string): Promise<SignInResult> {
  const byAddress = await rateLimit(`signin:address:${sourceHash}`, 900, 30);
  const account = `signin:account:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32)}`;
  const byAccount = await rateLimit(account, 900, 4, 0);
  if (!byAddress.allowed || byAccount.hits >= 5) {
    return { ok: false, code: 'too_many_attempts', retryAfter: Math.max(byAddress.retryAfter, byAccount.retryAfter) };
  }
  const supabase = await createSupabaseServerClient();
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  const token = data.session?.access_token;
  const staff = token
    ? await (await getDb()).rpc('staff_me', { p_locale: 'th' }, {
        role: 'authenticated',
        claims: { sub: data.user!.id, role: 'authenticated' },
        accessToken: token,
      })
    : null;
  if (error || !token || !staff) {
    if (token) await supabase.auth.signOut();
    await rateLimit(account, 900, 5);
    return { ok: false, code: 'invalid_credentials' };
  }
  // Supabase's cookies are already set; no cookie of our own.
  return { ok: true, token: '', claims: { sub: data.user!.id, email: data.user!.email } };
}

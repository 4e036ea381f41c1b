import { getDb, serviceRole, type Db, type JwtClaims } from '@/lib/db';
import { normaliseEmail } from './email';
import { verifyPassword } from './passwords';
import { SESSION_HOURS, signSession } from './session-token';
import { beginSignInAttempt } from './sign-in-limits';

/**
 * Sign-in with the built-in accounts (auth.users in the SQL modes), within the limits of lib/auth/sign-in-limits.ts.
 * The email is normalised once (lib/auth/email.ts) and the account looked up with that spelling; the limits then key
 * on the account found, so no other spelling of an email reaches a fresh counter. The answer never says whether the
 * email exists.
 */

export type SignInResult =
  | { ok: true; token: string; claims: Pick<JwtClaims, 'sub' | 'email'> }
  | { ok: false; code: 'invalid_credentials' | 'too_many_attempts'; retryAfter?: number };

export async function signInBuiltIn(email: string, password: string, sourceHash: string, on?: Db): Promise<SignInResult> {
  const db = on ?? (await getDb());
  const normalised = normaliseEmail(email);
  const user = await db.rpc('auth_user_for_sign_in', { p_email: normalised }, serviceRole);
  const attempt = await beginSignInAttempt(user?.id ?? normalised, sourceHash, db);
  if (!attempt.allowed) return { ok: false, code: 'too_many_attempts', retryAfter: attempt.retryAfter };
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk || !user.active) return { ok: false, code: 'invalid_credentials' };
  await attempt.succeeded();
  const sessionId = await db.rpc('start_staff_session', { p_user_id: user.id, p_hours: SESSION_HOURS }, serviceRole);
  return { ok: true, token: await signSession({ ...user, sessionId }), claims: { sub: user.id, email: user.email } };
}

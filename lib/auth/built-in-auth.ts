import { getDb, serviceRole, type JwtClaims } from '@/lib/db';
import { rateLimit } from '@/lib/http/rate-limit';
import { createHash } from 'node:crypto';
import { verifyPassword } from './passwords';
import { SESSION_HOURS, signSession } from './session-token';

/**
 * Sign-in with the built-in accounts (auth.users in the SQL modes). Limits, kept in the database:
 *   per account  5 failed attempts per 15 minutes (then refused even with the right password until the window ends)
 *   per address  30 attempts per 15 minutes (many staff may share one office address)
 * The answer never says whether the email exists.
 */

const WINDOW = 15 * 60;
const ACCOUNT_FAILURES = 5;
const ADDRESS_ATTEMPTS = 30;

export type SignInResult =
  | { ok: true; token: string; claims: Pick<JwtClaims, 'sub' | 'email'> }
  | { ok: false; code: 'invalid_credentials' | 'too_many_attempts'; retryAfter?: number };

const accountBucket = (email: string) =>
  `signin:account:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32)}`;

export async function signInBuiltIn(email: string, password: string, sourceHash: string): Promise<SignInResult> {
  const byAddress = await rateLimit(`signin:address:${sourceHash}`, WINDOW, ADDRESS_ATTEMPTS);
  if (!byAddress.allowed) return { ok: false, code: 'too_many_attempts', retryAfter: byAddress.retryAfter };
  const byAccount = await rateLimit(accountBucket(email), WINDOW, ACCOUNT_FAILURES - 1, 0);
  if (byAccount.hits >= ACCOUNT_FAILURES) return { ok: false, code: 'too_many_attempts', retryAfter: byAccount.retryAfter };

  const db = await getDb();
  const user = await db.rpc(
    'auth_user_for_sign_in',
    { p_email: email },
    serviceRole,
  );
  const passwordOk = await verifyPassword(password, user?.passwordHash);
  if (!user || !passwordOk || !user.active) {
    await rateLimit(accountBucket(email), WINDOW, ACCOUNT_FAILURES);
    return { ok: false, code: 'invalid_credentials' };
  }
  const sessionId = await db.rpc('start_staff_session', { p_user_id: user.id, p_hours: SESSION_HOURS }, serviceRole);
  return { ok: true, token: await signSession({ ...user, sessionId }), claims: { sub: user.id, email: user.email } };
}

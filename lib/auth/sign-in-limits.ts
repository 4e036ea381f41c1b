import { createHash } from 'node:crypto';
import type { Db } from '@/lib/db';
import { rateLimit } from '@/lib/http/rate-limit';

/**
 * Sign-in limits, kept in the database so that every instance shares them:
 *   per address                 30 attempts per 15 minutes (many staff may share one office address)
 *   per account and address      5 failures per 15 minutes, then refused even with the right password
 * Failures are counted per account *and* address, so nobody can lock a colleague out from elsewhere (locking must
 * never be a denial-of-service lever); the per-address limit still bounds guessing from one place.
 *
 * The count is atomic: every attempt is counted *before* its password is checked, in one upsert, and a success is
 * counted too; failures are attempts minus successes. So of 100 attempts sent at once only the first 5 reach the
 * password check (counting failures after the check let 12–14 through).
 */

export const WINDOW_SECONDS = 15 * 60;
export const FAILURES_ALLOWED = 5;
export const ADDRESS_ATTEMPTS = 30;

export type AttemptVerdict = { allowed: false; retryAfter: number } | { allowed: true; succeeded: () => Promise<void> };

/** `account`: the account's id when one was found, else the normalised email (so unknown addresses behave alike). */
export async function beginSignInAttempt(account: string, sourceHash: string, db?: Db): Promise<AttemptVerdict> {
  const byAddress = await rateLimit(`signin:address:${sourceHash}`, WINDOW_SECONDS, ADDRESS_ATTEMPTS, 1, db);
  if (!byAddress.allowed) return { allowed: false, retryAfter: byAddress.retryAfter };
  const key = `signin:account:${createHash('sha256').update(`${account}|${sourceHash}`).digest('base64url').slice(0, 32)}`;
  const attempts = await rateLimit(`${key}:tries`, WINDOW_SECONDS, FAILURES_ALLOWED, 1, db);
  const successes = await rateLimit(`${key}:ok`, WINDOW_SECONDS, FAILURES_ALLOWED, 0, db);
  if (attempts.hits - successes.hits > FAILURES_ALLOWED) return { allowed: false, retryAfter: attempts.retryAfter };
  return { allowed: true, succeeded: async () => void (await rateLimit(`${key}:ok`, WINDOW_SECONDS, FAILURES_ALLOWED, 1, db)) };
}

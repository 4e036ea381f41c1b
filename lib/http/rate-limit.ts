import { getDb, serviceRole, type Db } from '@/lib/db';

/**
 * Sliding-window rate limits kept in the database (public.rate_limit_hit), so every app instance shares them.
 * Buckets are named by purpose and a hash (of an address or an account), never by the address itself.
 */

export interface RateVerdict {
  allowed: boolean;
  hits: number;
  retryAfter: number;
}

export async function rateLimit(bucket: string, windowSeconds: number, limit: number, cost = 1, on?: Db): Promise<RateVerdict> {
  const db = on ?? (await getDb());
  return db.rpc('rate_limit_hit', { p_bucket: bucket, p_window_seconds: windowSeconds, p_limit: limit, p_cost: cost }, serviceRole);
}

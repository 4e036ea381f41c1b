import { createHmac } from 'node:crypto';
import { env } from '@/lib/env';
import { secrets } from '@/lib/secrets';

/**
 * The client's address, as the last trusted proxy saw it, and its keyed hash. Only the hash is ever stored or used
 * as a rate-limit bucket; the address itself never leaves this module.
 *
 * Next.js fills X-Forwarded-For with the socket address only when the header is absent, and a reverse proxy appends
 * the address it saw. So with TRUSTED_PROXIES = n (default 1: one proxy such as nginx in front), the client is the
 * n-th entry from the right. Without a proxy (TRUSTED_PROXIES=0 behaves like 1 here) a client could name its own
 * address; run Siang behind a proxy that sets the header (docs/deployment.md).
 */
export function clientAddress(headers: Headers): string {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = Math.max(env().TRUSTED_PROXIES, 1);
  return chain[Math.max(chain.length - hops, 0)] ?? headers.get('x-real-ip') ?? 'unknown';
}

/** HMAC of the address with the day (Bangkok) mixed in: bursts are found within a day, days cannot be linked. */
export function sourceHash(headers: Headers, now = new Date()): string {
  const day = new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  return createHmac('sha256', secrets().sourceHash).update(`${day}|${clientAddress(headers)}`).digest('base64url').slice(0, 32);
}

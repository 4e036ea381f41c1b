import { createHmac } from 'node:crypto';
import { env, type Env } from '@/lib/env';
import { secrets } from '@/lib/secrets';
import { addressKey, inNetwork, parseAddress } from './address';

/**
 * The client's address, and the keyed hash every per-address control uses (the flood guard, burst flags, sign-in,
 * tracking, forget, feedback). Only the hash is stored or used as a rate-limit bucket; the address never leaves here.
 *
 * A route handler cannot see the socket, and `next start` keeps a client's own X-Forwarded-For (it fills the header
 * from the socket only when it is absent), so a forged header looks like a real one. server.mjs therefore writes the
 * socket's address into SOCKET_ADDRESS_HEADER after deleting any copy the client sent, and X-Forwarded-For is believed
 * only as far as TRUSTED_PROXIES says (lib/http/trusted-proxies.ts).
 */

/** Keep in step with server.mjs, which sets it (e2e/security.spec.ts proves a client's own copy is ignored). */
export const SOCKET_ADDRESS_HEADER = 'x-siang-socket-address';

type AddressConfig = Pick<Env, 'TRUSTED_PROXIES' | 'SIANG_SERVER' | 'SIANG_IPV6_PREFIX_LENGTH'>;

/** The client's address as written by the nearest party we trust, or null when nobody we trust said it. */
export function clientAddress(headers: Headers, config: AddressConfig = env()): string | null {
  // Without server.mjs in front (next dev), nobody stripped a client's copy of the header: it proves nothing.
  const socket = config.SIANG_SERVER ? headers.get(SOCKET_ADDRESS_HEADER)?.trim() || null : null;
  const trust = config.TRUSTED_PROXIES;
  if (trust.kind === 'none') return socket;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (trust.kind === 'hops') {
    // Each trusted proxy appended the address it saw, so the last `hops` entries are theirs; left of them, the client's.
    return forwarded[Math.max(forwarded.length - trust.hops, 0)] ?? socket;
  }
  const chain = socket ? [...forwarded, socket] : forwarded;
  for (let i = chain.length - 1; i >= 0; i--) {
    const parsed = parseAddress(chain[i]!);
    const trusted = parsed && trust.networks.some((n) => inNetwork(parsed, n.network, n.prefixLength));
    if (!trusted || i === 0) return chain[i]!;
  }
  return null;
}

/** What the per-address controls count by: the /64 of an IPv6 address, a whole IPv4 address, or "unknown". */
export function sourceKey(headers: Headers, config: AddressConfig = env()): string {
  return addressKey(clientAddress(headers, config) ?? '', config.SIANG_IPV6_PREFIX_LENGTH) ?? 'unknown';
}

/** HMAC of the source key with the day (Bangkok) mixed in: bursts are found within a day, days cannot be linked. */
export function hashSourceKey(key: string, secret: string, now = new Date()): string {
  const day = new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  return createHmac('sha256', secret).update(`${day}|${key}`).digest('base64url').slice(0, 32);
}

export function sourceHash(headers: Headers, now = new Date()): string {
  return hashSourceKey(sourceKey(headers), secrets().sourceHash, now);
}

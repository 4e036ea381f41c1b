import { parseAddress, type ParsedAddress } from './address';

/**
 * TRUSTED_PROXIES: who may tell the app a client's address in X-Forwarded-For.
 *   unset (or 0)             nobody: the header is ignored and the socket's address is the client (server.mjs records it)
 *   1 … 5                    that many proxies in front, each appending what it saw: the client is that many entries
 *                            from the right (a platform load balancer that rewrites the header: 1)
 *   10.0.0.0/8,192.0.2.7     the proxies' addresses or networks: walking from the socket leftwards through the header,
 *                            the first address that is not one of them is the client
 * A hop count trusts whoever reaches the app, so it is only safe when nothing but the proxy can; a list is safe anyway.
 */

export interface TrustedNetwork {
  network: ParsedAddress;
  prefixLength: number;
}

export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'networks'; networks: TrustedNetwork[] };

export function parseTrustedProxies(text: string | undefined): TrustedProxies | { error: string } {
  const value = (text ?? '').trim();
  if (value === '' || value === '0') return { kind: 'none' };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 5
      ? { kind: 'hops', hops }
      : { error: 'must be a number of proxies from 0 to 5, or a comma-separated list of proxy addresses or networks (CIDR)' };
  }
  const networks: TrustedNetwork[] = [];
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', prefix, extra] = entry.split('/');
    const network = parseAddress(address);
    const max = network?.family === 4 ? 32 : 128;
    const prefixLength = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!network || extra !== undefined || !(prefixLength >= 0 && prefixLength <= max)) {
      return {
        error: `has "${entry}", which is neither a number of proxies (0–5) nor an address or network such as 10.0.0.0/8 or fd00::/8`,
      };
    }
    networks.push({ network, prefixLength });
  }
  return { kind: 'networks', networks };
}

import { isIPv4, isIPv6 } from 'node:net';

/**
 * IP addresses as the per-address controls see them. One person holds one IPv4 address at most, but an IPv6 home or
 * phone usually gets a whole /64 (2^64 addresses) to pick from, so keying on the full IPv6 address lets one person
 * look like millions (150 taps from one /64 were once all counted). So an IPv6 address is keyed by its prefix
 * (SIANG_IPV6_PREFIX_LENGTH, default 64) and an IPv4 address by itself; an IPv4-mapped IPv6 address (::ffff:a.b.c.d,
 * what a dual-stack socket reports for an IPv4 client) is IPv4. Pure functions: no configuration is read here.
 */

export type ParsedAddress = { family: 4; octets: number[] } | { family: 6; words: number[] };

/** An address as written in a header or reported by a socket: brackets, a port and a zone id are allowed and dropped. */
export function parseAddress(raw: string): ParsedAddress | null {
  let text = raw.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':')); // IPv4 with a port
  text = text.replace(/%[\w.-]+$/, ''); // zone id (fe80::1%eth0): local to one host, not part of the address
  if (isIPv4(text)) return { family: 4, octets: text.split('.').map(Number) };
  if (!isIPv6(text)) return null;
  const words = ipv6Words(text.toLowerCase());
  if (!words) return null;
  // ::ffff:0:0/96 is an IPv4 client on a dual-stack socket.
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) {
    return { family: 4, octets: [words[6]! >> 8, words[6]! & 255, words[7]! >> 8, words[7]! & 255] };
  }
  return { family: 6, words };
}

/** The eight 16-bit words of a valid IPv6 text (compressed or not, with or without a trailing dotted IPv4). */
function ipv6Words(text: string): number[] | null {
  let body = text;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const o = dotted[2]!.split('.').map(Number);
    tail.push((o[0]! << 8) | o[1]!, (o[2]! << 8) | o[3]!);
    body = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const part = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = part(head);
  const right = rest === undefined ? [] : part(rest);
  const missing = 8 - tail.length - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const words = [...left, ...Array<number>(rest === undefined ? 0 : missing).fill(0), ...right, ...tail];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** The text that identifies an address for the per-address controls, or null when it is not an address. */
export function addressKey(raw: string, ipv6PrefixLength = 64): string | null {
  const parsed = parseAddress(raw);
  if (!parsed) return null;
  if (parsed.family === 4) return parsed.octets.join('.');
  return `${maskWords(parsed.words, ipv6PrefixLength)
    .map((w) => w.toString(16))
    .join(':')}/${ipv6PrefixLength}`;
}

function maskWords(words: number[], prefixLength: number): number[] {
  return words.map((word, i) => {
    const bits = Math.min(Math.max(prefixLength - i * 16, 0), 16);
    return word & ((0xffff << (16 - bits)) & 0xffff);
  });
}

/** Whether an address lies in a network given as address/prefix (the prefix counted in the address's own family). */
export function inNetwork(address: ParsedAddress, network: ParsedAddress, prefixLength: number): boolean {
  if (address.family !== network.family) return false;
  if (address.family === 4 && network.family === 4) {
    const top = (o: number[]) => Math.floor(o.reduce((n, b) => n * 256 + b, 0) / 2 ** (32 - prefixLength));
    return top(address.octets) === top(network.octets);
  }
  const a = maskWords((address as { words: number[] }).words, prefixLength);
  const n = maskWords((network as { words: number[] }).words, prefixLength);
  return a.every((w, i) => w === n[i]);
}

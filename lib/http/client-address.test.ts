import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { clientAddress, hashSourceKey, sourceKey, SOCKET_ADDRESS_HEADER } from './client-address';

const behindServer = (settings: Record<string, string> = {}) => parseEnv({ SIANG_SERVER: 'server.mjs', ...settings });
const request = (socket: string | null, forwardedFor?: string) =>
  new Headers({ ...(socket ? { [SOCKET_ADDRESS_HEADER]: socket } : {}), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) });

describe('the client address', () => {
  it('ignores a forged X-Forwarded-For when no proxy is trusted: the socket is the client', () => {
    const config = behindServer();
    // The attack: 149 submissions, each naming a new address of its own, were all counted.
    const keys = new Set(Array.from({ length: 20 }, (_, i) => sourceKey(request('203.0.113.50', `198.51.100.${i}`), config)));
    expect([...keys]).toEqual(['203.0.113.50']);
    expect(clientAddress(request('203.0.113.50', '198.51.100.1'), config)).toBe('203.0.113.50');
  });

  it('believes the socket-address header only behind server.mjs, which strips the client’s own copy', () => {
    expect(clientAddress(request('203.0.113.50'), parseEnv({}))).toBeNull();
    expect(sourceKey(request('203.0.113.50', '198.51.100.1'), parseEnv({}))).toBe('unknown');
  });

  it('takes the address a trusted proxy appended, counting hops from the right', () => {
    const one = behindServer({ TRUSTED_PROXIES: '1' });
    expect(clientAddress(request('10.0.0.2', '198.51.100.1, 203.0.113.9'), one)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.2', '203.0.113.9'), one)).toBe('203.0.113.9');
    expect(clientAddress(request('203.0.113.9'), one)).toBe('203.0.113.9'); // no header: the socket
    const two = behindServer({ TRUSTED_PROXIES: '2' });
    expect(clientAddress(request('10.0.0.2', '198.51.100.1, 203.0.113.9, 10.0.0.3'), two)).toBe('203.0.113.9');
    // A platform load balancer without server.mjs: the header is all there is.
    expect(clientAddress(request(null, '198.51.100.1, 203.0.113.9'), parseEnv({ TRUSTED_PROXIES: '1' }))).toBe('203.0.113.9');
  });

  it('with trusted networks, walks from the socket past the proxies to the first address that is not one', () => {
    const config = behindServer({ TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8' });
    expect(clientAddress(request('10.0.0.2', '198.51.100.1, 203.0.113.9, 10.9.9.9'), config)).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:10.0.0.2', '203.0.113.9'), config)).toBe('203.0.113.9');
    expect(clientAddress(request('fd00::1', '2001:db8::5'), config)).toBe('2001:db8::5');
    // Straight to the app, past the proxy: the header is the client's own words and is ignored.
    expect(clientAddress(request('198.51.100.77', '203.0.113.9'), config)).toBe('198.51.100.77');
  });

  it('counts a whole IPv6 /64 as one source, and IPv4 addresses one by one', () => {
    const config = behindServer();
    // The attack: 150 taps from one /64 moved a counter's public score from 4.09 to 1.68.
    const inOneSlash64 = Array.from({ length: 50 }, (_, i) => sourceKey(request(`2001:db8:aa:bb:${i.toString(16)}::${i + 1}`), config));
    expect(new Set(inOneSlash64).size).toBe(1);
    expect(sourceKey(request('2001:db8:aa:bc::1'), config)).not.toBe(inOneSlash64[0]);
    expect(sourceKey(request('::ffff:192.0.2.1'), config)).toBe(sourceKey(request('192.0.2.1'), config));
    expect(sourceKey(request('192.0.2.2'), config)).not.toBe(sourceKey(request('192.0.2.1'), config));
    const wider = behindServer({ SIANG_IPV6_PREFIX_LENGTH: '48' });
    expect(sourceKey(request('2001:db8:aa:1::1'), wider)).toBe(sourceKey(request('2001:db8:aa:2::1'), wider));
  });

  it('hashes the key with the Bangkok day: the same source matches within a day, not across days', () => {
    const at = (iso: string) => hashSourceKey('192.0.2.1', 's'.repeat(32), new Date(iso));
    expect(at('2026-01-01T17:00:00Z')).toBe(at('2026-01-02T16:59:59Z'));
    expect(at('2026-01-01T16:59:59Z')).not.toBe(at('2026-01-01T17:00:00Z'));
  });
});

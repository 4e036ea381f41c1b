import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './same-origin';

const req = (method: string, headers: Record<string, string>) => new Request('http://siang.local/x', { method, headers });

describe('cross-origin write guard', () => {
  it('refuses a POST from another site, or from an opaque origin', () => {
    expect(isCrossOriginWrite(req('POST', { host: 'siang.local', origin: 'https://evil.example' }))).toBe(true);
    expect(isCrossOriginWrite(req('POST', { host: 'siang.local', origin: 'null' }))).toBe(true);
    expect(isCrossOriginWrite(req('DELETE', { host: 'siang.local', origin: 'http://siang.local.evil.example' }))).toBe(true);
  });

  it('allows same-origin writes, reads from anywhere, and requests without an Origin', () => {
    expect(isCrossOriginWrite(req('POST', { host: 'siang.local', origin: 'http://siang.local' }))).toBe(false);
    expect(
      isCrossOriginWrite(req('POST', { host: 'internal:3000', 'x-forwarded-host': 'siang.local', origin: 'https://siang.local' })),
    ).toBe(false);
    expect(isCrossOriginWrite(req('GET', { host: 'siang.local', origin: 'https://evil.example' }))).toBe(false);
    expect(isCrossOriginWrite(req('POST', { host: 'siang.local' }))).toBe(false);
  });
});

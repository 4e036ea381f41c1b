import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-enough-length';
  const body = JSON.stringify({ type: 'alert', responses: 4, unhappy: 3 });
  const at = new Date('2026-11-26T08:00:00Z');

  it('verifies the exact body, signed recently, with the same secret', () => {
    const header = signWebhook(body, secret, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(header, body, secret, new Date(at.getTime() + 60_000))).toBe(true);
  });

  it('refuses another body, another secret, a replay after the tolerance, and garbage', () => {
    const header = signWebhook(body, secret, at);
    expect(verifyWebhook(header, body.replace('3', '0'), secret, at)).toBe(false);
    expect(verifyWebhook(header, body, 'another-secret-entirely', at)).toBe(false);
    expect(verifyWebhook(header, body, secret, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook('t=1,v1=zz', body, secret, at)).toBe(false);
    expect(verifyWebhook(null, body, secret, at)).toBe(false);
  });
});

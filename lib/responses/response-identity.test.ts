import { describe, expect, it } from 'vitest';
import { identityQuery, readIdentity } from './response-identity';

describe('a response identity in a URL', () => {
  const key = '0b7c2a4e-1f3d-4c5b-9a8e-7d6c5b4a3f21';

  it('survives a round trip through the query string', () => {
    const identity = { clientKey: key, rating: '4', reference: 'KP-2570-000343-MKHT', channel: 'web' as const };
    const query = Object.fromEntries(new URLSearchParams(identityQuery(identity)));
    expect(readIdentity(query)).toEqual(identity);
  });

  it('leaves out what is malformed, and defaults to the QR channel', () => {
    expect(readIdentity({ k: 'not-a-key', r: '9', ref: 'x', via: 'kiosk' })).toEqual({ channel: 'qr' });
    expect(readIdentity({ ref: 'kp 2570 343' }).reference).toBe('KP-2570-000343');
    expect(readIdentity({ ref: 'kp 2570 343 mkht' }).reference).toBe('KP-2570-000343-MKHT'); // the receipt code
    expect(identityQuery({ channel: 'qr' })).toBe('');
  });
});

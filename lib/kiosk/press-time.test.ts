import { describe, expect, it } from 'vitest';
import { deviceCodeHint, formatDeviceCode, generateDeviceCode, hashDeviceCode, isDeviceCode } from './device-code';
import { serverPressTime } from './press-time';

describe('a kiosk press time', () => {
  const now = new Date('2026-11-26T08:00:00Z');

  it('is the server’s now minus how long the press waited on the tablet, whatever the tablet’s clock says', () => {
    // The tablet is three hours slow; the press waited ten minutes.
    const sentAt = '2026-11-26T05:00:00.000Z';
    const pressedAt = '2026-11-26T04:50:00.000Z';
    expect(serverPressTime(pressedAt, sentAt, now)).toEqual({ ok: true, at: new Date('2026-11-26T07:50:00Z') });
  });

  it('is never in the future: a small clock step is clamped to now, more is refused', () => {
    expect(serverPressTime('2026-11-26T08:01:00Z', '2026-11-26T08:00:00Z', now)).toEqual({ ok: true, at: now });
    expect(serverPressTime('2026-11-26T08:10:00Z', '2026-11-26T08:00:00Z', now)).toEqual({ ok: false, code: 'invalid_press_time' });
  });

  it('is at most seven days old, and refuses what is not a time', () => {
    expect(serverPressTime('2026-11-19T08:00:01Z', '2026-11-26T08:00:00Z', now).ok).toBe(true);
    expect(serverPressTime('2026-11-19T07:59:00Z', '2026-11-26T08:00:00Z', now)).toEqual({
      ok: false,
      code: 'press_too_old',
      at: new Date(now.getTime() - (7 * 24 * 60 + 1) * 60_000),
    });
    expect(serverPressTime('yesterday', '2026-11-26T08:00:00Z', now)).toEqual({ ok: false, code: 'invalid_press_time' });
  });
});

describe('a kiosk device code', () => {
  it('is 20 base-32 characters in groups of four, typed in any case and with or without dashes', () => {
    const code = generateDeviceCode();
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){4}$/);
    expect(isDeviceCode(code.toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(hashDeviceCode(code.toLowerCase())).toBe(hashDeviceCode(code));
    expect(hashDeviceCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(deviceCodeHint(code)).toBe(code.slice(-4));
    expect(formatDeviceCode('abcdefghijklmnopqrst')).toBe('ABCD-EFGH-IJKL-MNOP-QRST');
    expect(isDeviceCode('ABCD-EFGH')).toBe(false);
    expect(new Set(Array.from({ length: 50 }, generateDeviceCode)).size).toBe(50);
  });
});

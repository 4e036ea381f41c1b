import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import en from '@/messages/en.json';
import { syncKiosk } from './sync-kiosk';

/**
 * Presses the schema refuses are answered before the database, one result each. Found by the fuzzer (npm run
 * drill:fuzz -- --only kiosk-sync): a press whose clientKey was {"toString":1} or a deeply nested array made the
 * endpoint a bare 500 (String() of it throws), and refused presses were answered with zod's English sentences (or the
 * sender's own unknown key echoed back) instead of a code the tablet and staff pages can put into words.
 */

const TOKEN = 'q0Zr8v2Jx4Kc7Wm1Ns5Ty9Ub3Ld6Ge0Hf2Ap4Bo8CiX'; // 43 characters of base64url, as a paired tablet holds
const SENT_AT = '2026-11-26T08:00:00.000Z';
const KEY = '3f1c2b9e-8a7d-4c3b-9e2f-1a2b3c4d5e6f';
const PRESS_CODES = new Set([...Object.keys(en.errors), ...Object.keys(en.kiosk.errors)]);

/** A database that stores nothing and answers every press it is given as stored. */
const db = {
  mode: 'postgres',
  rpc: async (_fn: string, args: Record<string, unknown>) => ({
    device: { label: 'counter', servicePoint: 'civil-registration', active: true },
    results: (args.p_presses as { clientKey: string }[]).map((p) => ({
      clientKey: p.clientKey,
      status: 'stored',
      reference: 'KP-2570-000001',
      flagged: false,
    })),
  }),
  migrationState: async () => ({ applied: [], pending: [] }),
  close: async () => undefined,
} as unknown as Db;

const sync = (presses: unknown[]) => syncKiosk({ token: TOKEN, sentAt: SENT_AT, presses }, db, new Date(SENT_AT));
const press = (extra: Record<string, unknown> = {}) => ({ clientKey: KEY, rating: 4, pressedAt: '2026-11-26T07:59:00.000Z', ...extra });

describe('a kiosk batch with presses the schema refuses', () => {
  it('answers a press whose client key is an object String() cannot convert, or nests past the stack, instead of throwing', async () => {
    const deep = JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)) as unknown;
    for (const clientKey of [{ toString: 1 }, [{ toString: null, valueOf: null }], deep]) {
      const outcome = await sync([press({ clientKey }), press()]);
      expect(outcome.ok && outcome.results).toEqual([
        { clientKey: '', status: 'refused', error: 'invalid_client_key' },
        { clientKey: KEY, status: 'stored', reference: 'KP-2570-000001', flagged: false },
      ]);
    }
  });

  it('refuses each bad press with a code of messages/ (errors or kiosk.errors), never a sentence or the sender’s key', async () => {
    const bad = [
      5,
      'press',
      null,
      [],
      [press()],
      press({ rating: '4' }),
      press({ rating: 1e308 }),
      press({ rating: 0 }),
      press({ pressedAt: 5 }),
      press({ pressedAt: 'x'.repeat(41) }),
      press({ locale: 'fr' }),
      press({ locale: 7 }),
      press({ reason: null }),
      press({ flag: 1 }),
      press({ "'; drop table response; --": 1 }),
      JSON.parse(`{"clientKey":"${KEY}","rating":4,"pressedAt":"${SENT_AT}","__proto__":1}`),
      {},
    ];
    const outcome = await sync(bad);
    expect(outcome.ok).toBe(true);
    const results = outcome.ok ? outcome.results : [];
    expect(results).toHaveLength(bad.length);
    for (const [i, result] of results.entries()) {
      expect(result.status, JSON.stringify(bad[i])).toBe('refused');
      expect(PRESS_CODES.has((result as { error: string }).error), `${JSON.stringify(bad[i])} → ${JSON.stringify(result)}`).toBe(true);
    }
    expect(results.map((r) => (r as { error: string }).error)).toContain('unknown_field');
    expect(JSON.stringify(results)).not.toContain('drop table');
  });
});

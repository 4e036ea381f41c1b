import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db';

/**
 * Where Supabase Auth's admin API is configured, staff accounts are made by Supabase Auth (issue 19): a new email
 * becomes a Supabase Auth user whose id goes to staff_upsert, and an email Supabase Auth already has gets the new
 * password through the admin API instead of a hash written into its tables. Against a stand-in for the admin API.
 */

const existingId = '0c6a4f8e-5d2b-4c1a-9e7f-3b2a1c0d9e8f';
const calls: string[] = [];
let server: http.Server;
let prepareAuthAccount: typeof import('./staff-accounts').prepareAuthAccount;

const db = {
  mode: 'postgres',
  rpc: async (fn: string) => (fn === 'auth_user_for_sign_in' ? { id: existingId } : null),
} as unknown as Db;

describe('staff accounts with Supabase Auth’s admin API', () => {
  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      calls.push(`${req.method} ${req.url} ${req.headers.authorization?.slice(0, 13)}`);
      const body = JSON.parse(raw || '{}') as { email?: string };
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && body.email === 'taken@example.go.th') {
        res.statusCode = 422;
        return res.end(
          JSON.stringify({ code: 422, error_code: 'email_exists', msg: 'A user with this email address has already been registered' }),
        );
      }
      res.end(
        JSON.stringify({
          id: req.method === 'POST' ? '9d3f6b1a-2c4e-4f8a-b7d9-1e2f3a4b5c6d' : existingId,
          aud: 'authenticated',
          email: body.email,
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    vi.stubEnv('SIANG_DB', 'postgres');
    vi.stubEnv('DATABASE_URL', 'postgres://localhost/siang');
    vi.stubEnv('SUPABASE_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', 'service-role-key-of-the-stand-in');
    vi.stubEnv('SESSION_SECRET', 'x'.repeat(40));
    vi.stubEnv('SOURCE_HASH_SECRET', 'y'.repeat(40));
    vi.resetModules();
    ({ prepareAuthAccount } = await import('./staff-accounts'));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    server.close();
  });

  it('creates a new account in Supabase Auth and writes no password hash of its own', async () => {
    expect(await prepareAuthAccount(db, 'new@example.go.th', 'a-long-password')).toEqual({
      userId: '9d3f6b1a-2c4e-4f8a-b7d9-1e2f3a4b5c6d',
      passwordHash: null,
    });
    expect(calls.at(-1)).toBe('POST /auth/v1/admin/users Bearer servic');
  });

  it('sets the password of an account Supabase Auth already has, through its admin API', async () => {
    expect(await prepareAuthAccount(db, 'taken@example.go.th', 'a-long-password')).toEqual({ userId: existingId, passwordHash: null });
    expect(calls.at(-1)).toBe(`PUT /auth/v1/admin/users/${existingId} Bearer servic`);
  });
});

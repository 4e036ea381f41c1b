import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isDbError, isDbUnavailable } from '../../lib/db/errors';
import { listMigrations } from '../../lib/db/migrate';
import { openSupabase } from '../../lib/db/supabase';
import type { Caller, Db, SqlDb } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, rpcUnchecked, submission } from './fixtures';

/**
 * The Supabase transport (lib/db/supabase.ts, supabase-js) against a stand-in for PostgREST: a small HTTP server that
 * answers POST /rest/v1/rpc/<fn> as PostgREST does, taking the role from the JWT in the Authorization header and the
 * claims from its payload, calling the function through the SQL transport (role and claims in a transaction, as
 * PostgREST itself does), and returning errors as PostgREST shapes and numbers them. What it proves is the client side:
 * supabase-js is configured to work on Node 20, arguments and results travel intact, refusals keep their SQLSTATE and
 * field, and an unreachable project is reported as unavailable. A real Supabase project is not available here.
 */

const unsignedJwt = (payload: object) =>
  `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.test`;

/** PostgREST's HTTP status for an SQLSTATE (the cases Siang's functions raise). */
function statusOf(code: string, role: string): number {
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === 'P0002') return 404;
  if (code === '23505') return 409;
  if (code.startsWith('22') || code.startsWith('23') || code === 'P0001') return 400;
  return 500;
}

function postgrestStandIn(db: SqlDb): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const match = /^\/rest\/v1\/rpc\/([a-z_]+)$/.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) return reply(404, { code: 'PGRST202', message: 'not found' });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as { role?: string; sub?: string };
    const caller: Caller =
      claims.role === 'service_role'
        ? { role: 'service_role' }
        : claims.role === 'authenticated' && claims.sub
          ? { role: 'authenticated', claims: { ...claims, role: 'authenticated', sub: claims.sub } }
          : { role: 'anon' };
    try {
      const args = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      reply(200, (await rpcUnchecked(db, match[1]!, args, caller)) ?? null); // forwards any name, as PostgREST does
    } catch (error) {
      if (!isDbError(error)) return reply(500, { message: (error as Error).message });
      // PostgREST answers a function it does not know with 404 PGRST202, not the SQLSTATE.
      if (error.code === '42883') return reply(404, { code: 'PGRST202', message: `Could not find the function public.${match[1]}` });
      reply(statusOf(error.code, caller.role), {
        code: error.code,
        message: error.message,
        details: error.detail ?? null,
        hint: error.hint ?? null,
      });
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

onEveryDatabase('the Supabase transport (supabase-js) against a PostgREST stand-in', (db) => {
  let standIn: Awaited<ReturnType<typeof postgrestStandIn>>;
  let supabase: Db;
  beforeAll(async () => {
    standIn = await postgrestStandIn(db());
    supabase = openSupabase({
      url: standIn.url,
      anonKey: unsignedJwt({ role: 'anon' }),
      serviceRoleKey: unsignedJwt({ role: 'service_role' }),
    });
  });
  afterAll(async () => {
    await supabase?.close();
    await standIn?.close();
  });

  it('stores a submission through the service role and tracks it back with its check code, Thai text intact', async () => {
    const stored = await supabase.rpc(
      'submit_response',
      { p_submission: submission({ suggestion: { text: 'ขอที่จอดรถเพิ่ม “ด่วน” 🙏', category: 'facilities' } }) },
      { role: 'service_role' },
    );
    expect(stored.created).toBe(true);
    expect(stored.reference).toMatch(/^KP-\d{4}-\d{6}$/);
    const [row] = await ownerQuery<{ body: string }>(
      db(),
      'select s.body from suggestion s join response r on r.id = s.response_id where r.reference = $1',
      [stored.reference],
    );
    expect(row!.body).toBe('ขอที่จอดรถเพิ่ม “ด่วน” 🙏');
    const tracked = await supabase.rpc(
      'track_response',
      { p_reference: stored.reference, p_check: stored.checkCode, p_locale: 'th' },
      { role: 'service_role' },
    );
    expect(tracked?.reference).toBe(stored.reference);
    const versions = listMigrations().map((m) => m.version);
    expect(await supabase.migrationState()).toEqual({ applied: versions, pending: [] });
  });

  it('reports migrations the database lacks, so health and the staff pages see an upgrade that was not pushed', async () => {
    const versions = listMigrations().map((m) => m.version);
    const latest = versions[versions.length - 1]!;
    await ownerQuery(db(), 'delete from supabase_migrations.schema_migrations where version = $1', [latest]);
    expect((await supabase.migrationState()).pending).toEqual([latest]);
    // A database from before public.applied_migrations existed (PostgREST answers PGRST202): its migration is pending.
    await ownerQuery(db(), 'alter function public.applied_migrations() rename to applied_migrations_gone');
    try {
      expect((await supabase.migrationState()).pending).toEqual(versions.filter((v) => v >= '20261206010200'));
    } finally {
      await ownerQuery(db(), 'alter function public.applied_migrations_gone() rename to applied_migrations');
    }
  });

  it('keeps a refusal’s SQLSTATE and field, and refuses anon what only the server may call', async () => {
    const refused = await refusal(
      supabase.rpc('submit_response', { p_submission: submission({ overall_rating: 9 }) }, { role: 'service_role' }),
    );
    expect(refused).toMatchObject({ code: '22023', message: 'invalid_rating', detail: 'overall_rating' });
    expect((await refusal(supabase.rpc('submit_response', { p_submission: submission() }, { role: 'anon' }))).code).toBe('42501');
  });

  it('reports a project it cannot reach as unavailable, not as a refusal', async () => {
    const away = openSupabase({
      url: 'http://127.0.0.1:9',
      anonKey: unsignedJwt({ role: 'anon' }),
      serviceRoleKey: unsignedJwt({ role: 'service_role' }),
    });
    const error = await away
      .rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, { role: 'anon' })
      .catch((e: unknown) => e);
    expect(isDbUnavailable(error)).toBe(true);
    await away.close();
  });
});

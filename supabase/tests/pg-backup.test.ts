import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../lib/db/postgres';
import { anon, serviceRole, type SqlDb } from '../../lib/db/types';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * The PostgreSQL backup of docs/operations.md, run as written: pg_dump of a migrated, seeded database with
 * submissions, pg_restore into a fresh database, the app's database layer opened on it. The copy must have the same
 * figures, the same RLS policies and grants, and the migration history (nothing pending, nothing re-applied).
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const hasTool = (tool: string) => spawnSync(tool, ['--version']).status === 0;
const skipReason = !serverUrl
  ? 'TEST_DATABASE_URL is not set'
  : !hasTool('pg_dump') || !hasTool('pg_restore')
    ? 'pg_dump or pg_restore is not installed (apt-get install postgresql-client)'
    : undefined;
if (skipReason) console.warn(`pg_dump / pg_restore backup test skipped: ${skipReason}`);

/**
 * What must survive a backup: grants and RLS of every table, grants of every function, the policies themselves.
 * Privileges are compared as they act (an absent ACL means the default: for a table, its owner only; for a function,
 * PUBLIC may execute), since pg_dump leaves out an ACL that only restates the default.
 */
const SECURITY = `
  select 'table ' || c.oid::regclass::text || ' rls=' || c.relrowsecurity
    || ' acl=' || coalesce(c.relacl, acldefault((case c.relkind when 'S' then 's' else 'r' end)::"char", c.relowner))::text as line
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname in ('public', 'app', 'auth', 'supabase_migrations') and c.relkind in ('r', 'v', 'S')
  union all
  select 'function ' || p.oid::regprocedure::text || ' definer=' || p.prosecdef || ' acl=' || coalesce(p.proacl, acldefault('f'::"char", p.proowner))::text
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname in ('public', 'app', 'auth')
  union all
  select 'policy ' || schemaname || '.' || tablename || ' ' || policyname || ' ' || cmd || ' ' || array_to_string(roles, ',')
    || ' using=' || coalesce(qual, '-') || ' check=' || coalesce(with_check, '-')
  from pg_policies
  order by 1`;

const FIGURES = `
  select (select count(*)::int from response) as responses, (select count(*)::int from suggestion) as suggestions,
         (select count(*)::int from stat_pending) as pending,
         (select coalesce(sum(n), 0)::int from stat_rating_day where item_code = 'overall') as folded,
         (select max(version) from supabase_migrations.schema_migrations) as migration`;

describe.skipIf(Boolean(skipReason))(
  `PostgreSQL backup with pg_dump and pg_restore${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let folder = ''; // made in the test: a skipped describe runs no afterAll to remove it
    const created: string[] = [];
    const admin = () => new pg.Client({ connectionString: serverUrl });
    async function createDatabase(): Promise<string> {
      const name = `siang_backup_${randomBytes(5).toString('hex')}`;
      const client = admin();
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      created.push(name);
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      return url.toString();
    }
    afterAll(async () => {
      const client = admin();
      await client.connect();
      for (const name of created) await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      if (folder) fs.rmSync(folder, { recursive: true, force: true });
    });

    it('restores into a fresh database with the same figures, policies, grants and migration history', async () => {
      const sourceUrl = await createDatabase();
      let source: SqlDb | undefined = await openPostgres({ connectionString: sourceUrl, max: 2 });
      let before: { stats: unknown; figures: unknown; security: string[] };
      try {
        for (let i = 0; i < 40; i++) {
          await submit(
            source,
            submission({
              overall_rating: (i % 5) + 1,
              service_point: i % 3 ? 'civil-registration' : 'complaints-centre',
              answers: { staff_polite: ((i + 2) % 5) + 1 },
              ...(i % 4 === 0 ? { suggestion: { text: `ข้อเสนอแนะ ${i} 🙂` } } : {}),
            }),
          );
          // Half folded into the rollups, half still pending: the copy must carry both, and add them up the same.
          if (i === 19) await source.rpc('stat_fold_pending', { p_settle_seconds: 0, p_limit: 1000 }, serviceRole);
        }
        before = {
          stats: await source.rpc('satisfaction_stats', { p_filter: null, p_locale: 'th' }, serviceRole),
          figures: (await ownerQuery(source, FIGURES))[0],
          security: (await ownerQuery<{ line: string }>(source, SECURITY)).map((r) => r.line),
        };
        expect(before.figures).toMatchObject({ responses: 40, suggestions: 10, pending: 20, folded: 20 });
      } finally {
        await source.close();
        source = undefined;
      }

      // The commands of docs/operations.md ("PostgreSQL"), with --exit-on-error so that any failure fails the test.
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-pgdump-'));
      const dump = path.join(folder, 'siang.dump');
      execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${dump}`, sourceUrl], { stdio: 'pipe' });
      const targetUrl = await createDatabase();
      execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${targetUrl}`, dump], {
        stdio: 'pipe',
      });

      const copy = await openPostgres({ connectionString: targetUrl, max: 2 });
      try {
        expect((await copy.migrationState()).pending).toEqual([]);
        expect((await ownerQuery(copy, FIGURES))[0]).toEqual(before.figures);
        expect(await copy.rpc('satisfaction_stats', { p_filter: null, p_locale: 'th' }, serviceRole)).toEqual(before.stats);
        expect((await ownerQuery<{ line: string }>(copy, SECURITY)).map((r) => r.line)).toEqual(before.security);
        // And the rules act, not just exist: anon reads no table; the copy takes new submissions after the restored ones.
        expect((await refusal(copy.query('select count(*) from public.response', [], anon))).code).toBe('42501');
        const next = await submit(copy, submission());
        expect(next.created).toBe(true);
        expect((await ownerQuery<{ n: number }>(copy, 'select count(distinct reference)::int as n from response'))[0]!.n).toBe(41);
      } finally {
        await copy.close();
      }
    }, 240_000);
  },
);

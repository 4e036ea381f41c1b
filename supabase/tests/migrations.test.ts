import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { expect, it } from 'vitest';
import { listMigrations, migrate, seedBaseData } from '../../lib/db/migrate';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe } from 'vitest';
import { databases, freshEmbedded, freshPostgres } from './databases';

const versions = listMigrations().map((m) => m.version);

for (const database of databases) {
  describe.skipIf(Boolean(database.skipReason))(
    `migrations from an empty database on ${database.name}${database.skipReason ? ` (skipped: ${database.skipReason})` : ''}`,
    () => {
      it('apply every migration in order and record each where the Supabase CLI does', async () => {
        const db = database.name === 'PGlite' ? await freshEmbedded({ fromSnapshot: false }) : await freshPostgres();
        try {
          const state = await db.migrationState();
          expect(state.applied).toEqual(versions);
          expect(state.pending).toEqual([]);

          const history = await db.ownerQuery<{ version: string; name: string; statements: string[] }>(
            'select version, name, statements from supabase_migrations.schema_migrations order by version');
          expect(history.map((h) => h.version)).toEqual(versions);
          expect(history[0]?.name).toBe(listMigrations()[0]?.name);
          expect(history[0]?.statements[0]).toContain('create table public.organisation');

          // Editing an applied migration is noticed (it must never happen once released).
          await db.exec("update supabase_migrations.schema_migrations set statements = array['-- edited'] where version = '" + versions[0] + "'");
          expect((await db.migrationState()).changed).toEqual([versions[0]]);
          await db.exec("update supabase_migrations.schema_migrations set statements = null where version = '" + versions[0] + "'");

          // Running again applies nothing and changes nothing.
          const again = await migrate({
            exec: (sql) => db.exec(sql),
            query: (sql, params = []) => db.ownerQuery(sql, params),
          });
          expect(again).toEqual([]);

          // The base seed is there once: the municipality of the seed document.
          const org = await db.ownerQuery<{ name: { th: string } }>('select name from public.organisation');
          expect(org).toHaveLength(1);
          expect(org[0]?.name.th).toBe('เทศบาลตำบลเกษตรพัฒนา');
        } finally {
          await db.close();
        }
      });
    },
  );
}

const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)(
  `the Supabase CLI${serverUrl ? '' : ' (skipped: TEST_DATABASE_URL is not set, so there is no server for the CLI to read)'}`,
  () => {
    it('lists the migrations the app applied as applied (supabase migration list --db-url)', async () => {
      const db = await freshPostgres();
      try {
        const [{ name }] = (await db.ownerQuery<{ name: string }>('select current_database() as name')) as [{ name: string }];
        const url = new URL(serverUrl!);
        url.pathname = `/${name}`;
        url.searchParams.set('sslmode', 'disable');
        const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/supabase'), ['migration', 'list', '--db-url', url.toString()], {
          timeout: 60_000,
        });
        for (const version of versions) {
          // One row per migration with the version in both the Local and the Remote column.
          expect(stdout).toMatch(new RegExp(`${version}\\S*\\s*\\|\\s*\\S*${version}`));
        }
      } finally {
        await db.close();
      }
    });
  },
);

it('names every migration as the Supabase CLI does (YYYYMMDDHHMMSS_name.sql), with no duplicate version', () => {
  expect(versions.length).toBeGreaterThanOrEqual(2);
  expect(new Set(versions).size).toBe(versions.length);
  for (const v of versions) expect(v).toMatch(/^20\d{12}$/);
});

it('carries the references issued before 20261127040000 into their sequences: an upgraded database goes on numbering', async () => {
  // The database as the release before that migration left it, with references issued in two fiscal years.
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-upgrade-'));
  fs.mkdirSync(path.join(before, 'lib', 'db'), { recursive: true });
  fs.mkdirSync(path.join(before, 'supabase', 'migrations'), { recursive: true });
  fs.copyFileSync(path.resolve('lib/db/bootstrap.sql'), path.join(before, 'lib', 'db', 'bootstrap.sql'));
  fs.copyFileSync(path.resolve('supabase/seed.sql'), path.join(before, 'supabase', 'seed.sql'));
  for (const m of listMigrations().filter((m) => m.version < '20261127040000')) {
    fs.copyFileSync(m.file, path.join(before, 'supabase', 'migrations', path.basename(m.file)));
  }
  const pg = await PGlite.create();
  const owner = { exec: async (sql: string) => void (await pg.exec(sql)), query: async <T>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows };
  const submit = async (overrides: Record<string, unknown> = {}) =>
    (await owner.query<{ r: { reference: string } }>('select public.submit_response($1) as r', [
      { client_key: randomUUID(), service_point: 'civil-registration', overall_rating: 4, ...overrides }]))[0]!.r.reference;
  try {
    await migrate(owner, before);
    await seedBaseData(owner, before);
    const issued = [await submit(), await submit(), await submit({ created_at: '2023-10-02T03:00:00Z', channel: 'paper' })];
    expect(issued[1]).toMatch(/-000002$/);
    expect(issued[2]).toBe('KP-2567-000001');

    expect(await migrate(owner)).toContain('20261127040000');
    expect(await submit()).toBe(issued[1]!.replace(/000002$/, '000003'));
    expect(await submit({ created_at: '2023-10-03T03:00:00Z', channel: 'paper' })).toBe('KP-2567-000002');
    expect(await owner.query("select 1 from pg_tables where tablename = 'reference_counter'")).toEqual([]);
  } finally {
    await pg.close();
    fs.rmSync(before, { recursive: true, force: true });
  }
}, 60_000);

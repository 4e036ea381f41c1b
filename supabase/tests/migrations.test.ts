import { expect, it } from 'vitest';
import { listMigrations, migrate } from '../../lib/db/migrate';
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
            'select version, name, statements from supabase_migrations.schema_migrations order by version',
          );
          expect(history.map((h) => h.version)).toEqual(versions);
          expect(history[0]?.name).toBe(listMigrations()[0]?.name);
          expect(history[0]?.statements[0]).toContain('create table public.organisation');

          // Editing an applied migration is noticed (it must never happen once released).
          await db.exec(
            "update supabase_migrations.schema_migrations set statements = array['-- edited'] where version = '" + versions[0] + "'",
          );
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
        const { stdout } = await promisify(execFile)(
          path.resolve('node_modules/.bin/supabase'),
          ['migration', 'list', '--db-url', url.toString()],
          {
            timeout: 60_000,
          },
        );
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
  expect(versions.length).toBeGreaterThanOrEqual(1);
  expect(new Set(versions).size).toBe(versions.length);
  for (const v of versions) expect(v).toMatch(/^20\d{12}$/);
});

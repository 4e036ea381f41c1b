import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrate, projectRoot, type MigrationExecutor } from '../../lib/db/migrate';
import { schemaFiles } from '../../lib/db/schema-files';
import { catalogue, catalogueDifferences } from './catalogue';
import { databases } from './databases';

/**
 * supabase/schemas/ is the readable truth and supabase/migrations/ the steps that reach it: applied to two empty
 * databases, they must build the same catalogue (tables, columns, constraints, indexes, triggers, policies, functions
 * with their bodies and settings, types, comments and every privilege). A change made in one place only fails here.
 */

const bootstrap = () => fs.readFileSync(path.join(projectRoot(), 'lib', 'db', 'bootstrap.sql'), 'utf8');
const declared = () =>
  ['set check_function_bodies = off;', ...schemaFiles().map((f) => fs.readFileSync(f, 'utf8')), 'reset check_function_bodies;'].join(
    '\n;\n',
  );

interface EmptyDatabase extends MigrationExecutor {
  close(): Promise<void>;
}

async function emptyPglite(): Promise<EmptyDatabase> {
  const db = await PGlite.create();
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows,
    close: () => db.close(),
  };
}

async function emptyPostgres(): Promise<EmptyDatabase> {
  const server = process.env.TEST_DATABASE_URL!;
  const name = `siang_catalogue_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    close: async () => {
      await client.end();
      const cleanup = new pg.Client({ connectionString: server });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

for (const database of databases) {
  const open = database.name === 'PGlite' ? emptyPglite : emptyPostgres;
  describe.skipIf(Boolean(database.skipReason))(
    `the schema files and the migrations on ${database.name}${database.skipReason ? ` (skipped: ${database.skipReason})` : ''}`,
    () => {
      it('build the same catalogue, object for object; and a change in one place only is found', async () => {
        const [migrated, fromFiles] = await Promise.all([open(), open()]);
        try {
          await migrate(migrated);
          await fromFiles.exec(bootstrap());
          await fromFiles.exec(declared());
          const [a, b] = [await catalogue(migrated), await catalogue(fromFiles)];
          expect(a.length).toBeGreaterThan(400);
          expect(a.filter((r) => r.kind === 'function').length).toBeGreaterThan(100);
          expect(catalogueDifferences(a, b)).toEqual([]);

          // The comparison sees a body, a policy and a grant changed behind the migrations' back.
          await fromFiles.exec(`
            create or replace function app.like_pattern(p_text text) returns text language sql immutable set search_path = ''
              as $$ select p_text $$;
            alter policy division_read on public.division using (true);
            grant truncate on public.division to authenticated;`);
          const changed = catalogueDifferences(a, await catalogue(fromFiles)).map((d) => d.key);
          expect(changed).toEqual(['function app.like_pattern(text)', 'policy public.division.division_read', 'relation division']);
        } finally {
          await Promise.all([migrated.close(), fromFiles.close()]);
        }
      }, 180_000); // two empty databases built from nothing (PGlite runs initdb for each)
    },
  );
}

import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openEmbedded } from '../../lib/db/pglite';
import { openPostgres } from '../../lib/db/postgres';
import type { SqlDb } from '../../lib/db/types';

/**
 * Run the same database tests on every SQL transport: PGlite (always) and a real PostgreSQL server (when
 * TEST_DATABASE_URL is set, as .ci/run does). Each file gets a fresh database: PGlite from the global snapshot, and
 * on PostgreSQL a new database created for the file and dropped after it.
 */

const serverUrl = process.env.TEST_DATABASE_URL;

export async function freshEmbedded(options: { fromSnapshot?: boolean } = {}): Promise<SqlDb> {
  const snapshot = process.env.SIANG_PGLITE_SNAPSHOT;
  const loadDataDir = options.fromSnapshot !== false && snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined;
  return openEmbedded({ loadDataDir });
}

export async function freshPostgres(): Promise<SqlDb> {
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const url = new URL(serverUrl);
  if (!['localhost', '127.0.0.1', '::1'].includes(url.hostname) && process.env.SIANG_ALLOW_REMOTE_TEST_DB !== '1') {
    // Tests create and drop databases: never against a server that is not local, unless explicitly allowed.
    throw new Error(`Refusing to run database tests against ${url.hostname}; set SIANG_ALLOW_REMOTE_TEST_DB=1`);
  }
  const name = `siang_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const db = await openPostgres({ connectionString: url.toString(), max: 4 });
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  });
}

export interface DatabaseCase {
  name: string;
  open: () => Promise<SqlDb>;
  skipReason?: string;
}

export const databases: DatabaseCase[] = [
  { name: 'PGlite', open: () => freshEmbedded() },
  {
    name: 'PostgreSQL',
    open: freshPostgres,
    skipReason: serverUrl ? undefined : 'TEST_DATABASE_URL is not set, so the PostgreSQL-server run is skipped',
  },
];

/** Declare `body` once per database; `db()` returns the open database inside the tests. */
export function onEveryDatabase(title: string, body: (db: () => SqlDb) => void) {
  for (const database of databases) {
    const label = database.skipReason ? `${title} on ${database.name} (skipped: ${database.skipReason})` : `${title} on ${database.name}`;
    describe.skipIf(Boolean(database.skipReason))(label, () => {
      let current: SqlDb | undefined;
      beforeAll(async () => {
        current = await database.open();
      });
      afterAll(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error('database not open');
        return current;
      });
    });
  }
}

import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import { migrate, seedBaseData, type MigrationExecutor } from './migrate';
import { ownerAccess, sqlApi } from './sql-api';
import type { SqlDb } from './types';

/**
 * The embedded transport: PostgreSQL compiled to WASM, running inside this process, with its data in a folder.
 * PGlite has one connection, so its transactions run one after another; the folder is locked against other processes.
 */

export interface EmbeddedOptions {
  /** A folder for the data, or undefined for an in-memory database (tests). */
  dataDir?: string;
  /** A tarball from `dumpDataDir`, to start from a prepared snapshot instead of running initdb (tests). */
  loadDataDir?: Blob;
  seed?: boolean;
}

export async function openEmbedded(options: EmbeddedOptions = {}): Promise<SqlDb & { pglite: PGlite }> {
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => undefined;
  let pg: PGlite;
  try {
    pg = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  } catch (error) {
    release();
    throw error;
  }

  const owner: MigrationExecutor = {
    exec: async (sql) => {
      await pg.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows,
  };
  try {
    await migrate(owner);
    if (options.seed !== false) await seedBaseData(owner);
  } catch (error) {
    await pg.close().catch(() => undefined);
    release();
    throw error;
  }

  const api = sqlApi(
    (work) => pg.transaction((tx) => work({ query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows })),
    async <T>(script: string) => {
      const results = await pg.exec(script);
      return (results[results.length - 1]?.rows ?? []) as T[];
    },
  );

  return {
    mode: 'embedded',
    pglite: pg,
    rpc: api.rpc,
    query: api.query,
    ...ownerAccess(owner),
    async close() {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}

import pg from 'pg';
import { noteDbAvailable, noteDbUnavailable } from './availability';
import { DbUnavailableError, isDbUnavailable, toDbError } from './errors';
import { migrate, migrationState, seedBaseData, type MigrationExecutor } from './migrate';
import { sqlApi } from './sql-api';
import { toParam } from './acting-as';
import type { SqlDb } from './types';

/**
 * The server transport: any PostgreSQL ≥ 15 (self-hosted, or Supabase's connection string) through node-postgres.
 * Migrations run once per process under an advisory lock, so several app instances can start together. When the
 * server goes away the pool drops its connections, calls fail with DbUnavailableError, and the next call after the
 * server is back simply works: no restart of the app is needed.
 */

const MIGRATION_LOCK = 7_361_522_019; // any constant shared by every instance of this app

export interface PostgresOptions {
  connectionString: string;
  seed?: boolean;
  max?: number;
}

export async function openPostgres(options: PostgresOptions): Promise<SqlDb> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'siang',
  });
  // An idle client whose server went away emits here; without a listener the process would crash.
  pool.on('error', () => undefined);

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      noteDbUnavailable();
      throw new DbUnavailableError(`PostgreSQL is unreachable: ${(error as Error).message}`, error);
    }
    let broken = false;
    try {
      const result = await work(client);
      noteDbAvailable();
      return result;
    } catch (error) {
      const mapped = toDbError(error);
      broken = isDbUnavailable(mapped);
      if (broken) noteDbUnavailable();
      throw mapped;
    } finally {
      client.release(broken);
    }
  }

  const ownerOn = (client: pg.PoolClient): MigrationExecutor => ({
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
  });

  let ready: Promise<void> | null = null;
  function ensureReady(): Promise<void> {
    ready ??= withClient(async (client) => {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        await migrate(ownerOn(client));
        if (options.seed !== false) await seedBaseData(ownerOn(client));
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      }
    }).catch((error) => {
      ready = null; // try again on the next call
      throw error;
    });
    return ready;
  }
  await ensureReady();

  const api = sqlApi(
    async (work) => {
      await ensureReady();
      return withClient(async (client) => {
        await client.query('begin');
        try {
          const result = await work({ query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[] });
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        }
      });
    },
    async <T>(script: string) => {
      await ensureReady();
      return withClient(async (client) => {
        const results = (await client.query(script)) as unknown as pg.QueryResult | pg.QueryResult[];
        return (Array.isArray(results) ? results[results.length - 1]!.rows : results.rows) as T[];
      });
    },
  );

  return {
    mode: 'postgres',
    rpc: api.rpc,
    query: api.query,
    exec: (sql) => withClient(async (client) => void (await client.query(sql))),
    ownerQuery: <T>(sql: string, params: unknown[] = []) =>
      withClient(async (client) => (await client.query(sql, params.map(toParam))).rows as T[]),
    migrationState: () => withClient((client) => migrationState(ownerOn(client))),
    close: () => pool.end(),
  };
}

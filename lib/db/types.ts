import type { ApiArgs, ApiFunction, ApiResult } from './api';

/**
 * One small interface in front of the database, whichever of the three transports runs it.
 * Every call names who makes it, so the same RLS policies and grants decide in every mode.
 */

export type DbMode = 'embedded' | 'postgres' | 'supabase';

/** The claims a signed-in staff member carries, shaped as Supabase Auth would issue them. */
export interface JwtClaims {
  sub: string;
  role: 'authenticated';
  email?: string;
  exp?: number;
  [claim: string]: unknown;
}

export type Caller = { role: 'anon' } | { role: 'service_role' } | { role: 'authenticated'; claims: JwtClaims; accessToken?: string };

export const anon: Caller = { role: 'anon' };
/** The server itself, after its own checks. Bypasses RLS: use only where a function's grant requires it. */
export const serviceRole: Caller = { role: 'service_role' };

export interface MigrationState {
  applied: string[];
  pending: string[];
  /** Applied migrations whose file has changed since (a released migration must never change: add a new one). */
  changed?: string[];
}

export interface Db {
  readonly mode: DbMode;
  /**
   * Call a function of the API (`public.<fn>`) with named arguments, as PostgREST would. Its name, arguments and
   * result type come from the registry in api.ts, which a test holds to the catalogue.
   */
  rpc<F extends ApiFunction>(fn: F, args: ApiArgs<F>, caller: Caller): Promise<ApiResult<F>>;
  /** Migrations applied and pending; throws DbUnavailableError when the database cannot be reached. */
  migrationState(): Promise<MigrationState>;
  close(): Promise<void>;
}

/** The SQL transports (embedded and postgres) can also run plain SQL as a caller: tests and scripts use it. */
export interface SqlDb extends Db {
  readonly mode: 'embedded' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params: unknown[], caller: Caller): Promise<T[]>;
  /** Run SQL as the database owner, outside any role: migrations, seed, maintenance and test assertions only. */
  exec(sql: string): Promise<void>;
  ownerQuery<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export function isSqlDb(db: Db): db is SqlDb {
  return db.mode === 'embedded' || db.mode === 'postgres';
}

import { ACT_AS_ROLE_SQL, SET_CLAIMS_SQL, claimsOf, rpcScript, rpcStatement, toParam } from './acting-as';
import { toDbError } from './errors';
import { migrationState, type MigrationExecutor } from './migrate';
import type { Caller, SqlDb } from './types';

/** The least a SQL driver must offer: one transaction at a time, with parameterised queries inside it. */
export interface SqlTx {
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}
export type RunInTransaction = <T>(work: (tx: SqlTx) => Promise<T>) => Promise<T>;
/** Run a multi-statement script as one implicit transaction in one round trip; the rows of its last statement. */
export type RunScript = <T>(script: string) => Promise<T[]>;

/** rpc and query for a SQL driver, each call in its own transaction acting as the caller (see acting-as.ts). */
export function sqlApi(runInTransaction: RunInTransaction, runScript?: RunScript) {
  async function asCaller<T>(caller: Caller, work: (tx: SqlTx) => Promise<T>): Promise<T> {
    try {
      return await runInTransaction(async (tx) => {
        await tx.query(ACT_AS_ROLE_SQL[caller.role]);
        await tx.query(SET_CLAIMS_SQL, [claimsOf(caller)]);
        return work(tx);
      });
    } catch (error) {
      throw toDbError(error);
    }
  }

  return {
    async rpc<T>(fn: string, args: Record<string, unknown>, caller: Caller): Promise<T> {
      // One round trip instead of five (begin, role, claims, call, commit) where the driver can: see rpcScript.
      const script = runScript ? rpcScript(fn, args, caller) : null;
      if (script !== null) {
        try {
          const rows = await runScript!<{ result: T }>(script);
          return rows[0]?.result as T;
        } catch (error) {
          throw toDbError(error);
        }
      }
      const { sql, params } = rpcStatement(fn, args);
      return asCaller(caller, async (tx) => {
        const rows = await tx.query<{ result: T }>(sql, params);
        return rows[0]?.result as T;
      });
    },
    query<T>(sql: string, params: unknown[], caller: Caller): Promise<T[]> {
      return asCaller(caller, (tx) => tx.query<T>(sql, params.map(toParam)));
    },
  };
}

/** The owner's side of an embedded transport (exec, ownerQuery, migrationState) over its migration executor. */
export function ownerAccess(owner: MigrationExecutor): Pick<SqlDb, 'exec' | 'ownerQuery' | 'migrationState'> {
  return {
    async exec(sql) {
      try {
        await owner.exec(sql);
      } catch (error) {
        throw toDbError(error);
      }
    },
    async ownerQuery<T>(sql: string, params: unknown[] = []) {
      try {
        return await owner.query<T>(sql, params.map(toParam));
      } catch (error) {
        throw toDbError(error);
      }
    },
    migrationState: () => migrationState(owner),
  };
}

import { scheduleJob } from '@/lib/jobs/schedule';
import { log } from '@/lib/log';
import type { SqlDb } from './types';

/**
 * Autovacuum where there is none. PGlite runs PostgreSQL in single-user mode: there is no autovacuum, so left alone
 * no table is ever analysed or vacuumed; a PostgreSQL server may have it switched off too (`autovacuum = off`, as on
 * the CI machine of this project). Two things then go wrong as data grows (bench:submit showed both):
 *   * plans made while a table was small stay: a function's cached plan is only replanned when ANALYZE or VACUUM
 *     updates the table's statistics, so a query planned as a sequential scan over a then-empty table scans ever more
 *     rows (a full submission on a new folder went 2.5 → 4.8 ms over 9,000 submissions; 1.4 ms with ANALYZE);
 *   * queues and counters updated on every submission (stat_pending, rate_counter) keep their dead rows and index
 *     entries.
 * This job decides as autovacuum would, from the same statistics and its default thresholds (a table's own
 * autovacuum_* storage parameters win), and runs VACUUM (ANALYZE) or ANALYZE on the tables due, one statement at a
 * time so that requests interleave between tables. Only the tables this connection owns (Siang's own) are looked at.
 * Where the server runs its own autovacuum (PostgreSQL's default, and Supabase) each run finds that and does nothing;
 * on Supabase through its HTTP API it is never scheduled.
 */

export interface TableDue {
  /** Schema-qualified and quoted, ready for SQL. */
  name: string;
  vacuum: boolean;
  analyze: boolean;
}

// autovacuum's defaults (PostgreSQL 15–17): vacuum at 50 dead rows + 20 %, or 1,000 inserted rows + 20 % (so that
// insert-only tables get their visibility map), analyse at 50 changed rows + 10 % of the table.
const DUE_SQL = `
with t as (
  select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
         greatest(c.reltuples, 0) as tuples,
         c.reltuples < 0 and pg_relation_size(c.oid) > 0 as never_analysed,
         s.n_dead_tup, s.n_ins_since_vacuum, s.n_mod_since_analyze,
         (select o.option_value::float8 from pg_options_to_table(c.reloptions) o
          where o.option_name = 'autovacuum_vacuum_scale_factor') as vacuum_scale,
         (select o.option_value::float8 from pg_options_to_table(c.reloptions) o
          where o.option_name = 'autovacuum_analyze_scale_factor') as analyze_scale
  from pg_stat_user_tables s
  join pg_class c on c.oid = s.relid
  join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and c.relowner = current_user::regrole
), due as (
  select name,
         n_dead_tup > 50 + coalesce(vacuum_scale, 0.2) * tuples or n_ins_since_vacuum > 1000 + 0.2 * tuples as vacuum,
         never_analysed or n_mod_since_analyze > 50 + coalesce(analyze_scale, 0.1) * tuples as "analyze"
  from t
)
select name, vacuum, "analyze" from due where vacuum or "analyze" order by name`;

export async function tablesDue(db: SqlDb): Promise<TableDue[]> {
  // A backend reports its counters at most once a second; this makes the statement that ends here report them now.
  await db.ownerQuery('select pg_stat_force_next_flush()');
  return db.ownerQuery<TableDue>(DUE_SQL);
}

/** Whether this database needs us to do its autovacuum's work: always on PGlite; on a server whose autovacuum is off. */
export async function needsOwnMaintenance(db: SqlDb): Promise<boolean> {
  if (db.mode === 'embedded') return true;
  const [row] = await db.ownerQuery<{ on: boolean }>("select current_setting('autovacuum')::boolean as on");
  return row?.on === false;
}

/** Vacuum and/or analyse every table due; returns what was done. A table that fails is logged and skipped. */
export async function runTableMaintenance(db: SqlDb): Promise<TableDue[]> {
  const done: TableDue[] = [];
  for (const table of await tablesDue(db)) {
    const statement = table.vacuum ? `vacuum (analyze ${table.analyze}) ${table.name}` : `analyze ${table.name}`;
    try {
      await db.exec(statement); // one statement per call: VACUUM cannot run inside a transaction block
      done.push(table);
    } catch (error) {
      log.warn({ table: table.name, err: (error as Error).message }, 'table maintenance failed for a table');
    }
  }
  return done;
}

export const MAINTENANCE_FIRST_SECONDS = 10;
export const MAINTENANCE_EVERY_SECONDS = 60; // autovacuum_naptime's default

let toldAutovacuumOff = false;

/** From the server's start, on an SQL transport (embedded or PostgreSQL). The timer does not keep the process alive. */
export function scheduleTableMaintenance(getDb: () => Promise<SqlDb>): void {
  scheduleJob({
    name: 'table maintenance',
    firstMs: MAINTENANCE_FIRST_SECONDS * 1000,
    everyMs: MAINTENANCE_EVERY_SECONDS * 1000,
    run: async () => {
      const db = await getDb();
      if (!(await needsOwnMaintenance(db))) return;
      if (db.mode !== 'embedded' && !toldAutovacuumOff) {
        toldAutovacuumOff = true;
        log.warn('autovacuum is off on this PostgreSQL server: Siang vacuums and analyses its own tables every minute');
      }
      const started = Date.now();
      const done = await runTableMaintenance(db);
      if (done.length)
        log.debug({ job: 'table_maintenance', tables: done.map((t) => t.name), ms: Date.now() - started }, 'tables vacuumed or analysed');
    },
  });
}

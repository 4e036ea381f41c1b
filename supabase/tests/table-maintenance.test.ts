import { expect, it } from 'vitest';
import { needsOwnMaintenance, runTableMaintenance, tablesDue } from '../../lib/db/table-maintenance';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, SEED_ITEMS, submission, submit } from './fixtures';

/**
 * The server's stand-in for autovacuum (lib/db/table-maintenance.ts), which it runs where the database has none:
 * always on PGlite, and on a PostgreSQL server whose autovacuum is off.
 */
onEveryDatabase('table maintenance', (db) => {
  const statistics = (table: string) =>
    ownerQuery<{ dead: number; changed: number; analysed: boolean; tuples: number }>(
      db(),
      `select s.n_dead_tup::int as dead, s.n_mod_since_analyze::int as changed, s.last_analyze is not null as analysed,
            c.reltuples::int as tuples
     from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.schemaname = 'public' and s.relname = $1`,
      [table],
    );

  it('is needed on PGlite, and on a server exactly when its autovacuum is off', async () => {
    const needed = await needsOwnMaintenance(db());
    if (db().mode === 'embedded') {
      expect(needed).toBe(true);
    } else {
      const [{ off }] = (await ownerQuery<{ off: boolean }>(db(), "select current_setting('autovacuum') = 'off' as off")) as [
        { off: boolean },
      ];
      expect(needed).toBe(off);
    }
  });

  it('vacuums and analyses what autovacuum would, and then finds nothing due', async () => {
    // So that a server's own autovacuum, if it runs, cannot do the work first and hide ours.
    for (const table of ['response', 'response_answer', 'stat_pending']) {
      await ownerQuery(db(), `alter table public.${table} set (autovacuum_enabled = false)`);
    }
    for (let i = 0; i < 120; i++) {
      await submit(
        db(),
        submission({ overall_rating: (i % 5) + 1, answers: Object.fromEntries(SEED_ITEMS.map((code) => [code, (i % 5) + 1])) }),
      );
    }
    // The fold empties the queue: 120 dead rows in stat_pending, as on a server after each run.
    await db().rpc('stat_fold_pending', { p_settle_seconds: 0, p_limit: 1000 }, serviceRole);
    const due = await tablesDue(db()); // (which also makes the counters current)
    expect((await statistics('stat_pending'))[0]!.dead).toBeGreaterThanOrEqual(120);
    expect(due).toEqual(
      expect.arrayContaining([
        { name: 'public.response', vacuum: false, analyze: true }, // never analysed; 120 inserted, under 1,000
        { name: 'public.response_answer', vacuum: true, analyze: true }, // 1,440 inserted: over 1,000 + 20 %
        { name: 'public.stat_pending', vacuum: true, analyze: true }, // dead rows over 50 + 2 % (its own scale factor)
      ]),
    );

    const done = await runTableMaintenance(db());
    expect(done).toEqual(due);
    expect(await statistics('stat_pending')).toEqual([{ dead: 0, changed: 0, analysed: true, tuples: 0 }]);
    const [response] = await statistics('response');
    expect(response).toMatchObject({ changed: 0, analysed: true });
    expect(response!.tuples).toBeGreaterThanOrEqual(120);
    expect(await tablesDue(db())).toEqual([]); // nothing left due until the data changes again
  });

  it('looks only at the tables it owns', async () => {
    // A table of another owner (on a shared server: another application's) is never vacuumed by Siang.
    // (Roles are the whole server's: a name of this run's own, dropped at the end.)
    const other = `siang_test_other_${process.pid}_${db().mode}`;
    await ownerQuery(db(), `create role ${other} nologin`);
    try {
      await ownerQuery(db(), 'create table public.not_ours (id int)');
      await ownerQuery(db(), 'insert into public.not_ours select generate_series(1, 5000)');
      expect((await tablesDue(db())).map((t) => t.name)).toContain('public.not_ours'); // due while it is ours
      await ownerQuery(db(), `alter table public.not_ours owner to ${other}`);
      expect((await tablesDue(db())).map((t) => t.name)).not.toContain('public.not_ours');
    } finally {
      await ownerQuery(db(), 'drop table if exists public.not_ours');
      await ownerQuery(db(), `drop role ${other}`);
    }
  });
});

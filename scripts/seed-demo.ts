/**
 * npm run db:demo [-- --remove]
 * Adds the demo responses (scripts/demo-data.ts) and one demo staff account per role to the configured database,
 * marked is_demo so that they can be told apart and removed, and prints the accounts. Safe to run twice: the client
 * keys are deterministic, so nothing is added again.
 * With the embedded database the server must be stopped first (one process per data folder).
 */
import { getDb, isSqlDb, serviceRole } from '@/lib/db';
import { env } from '@/lib/env';
import { runTableMaintenance } from '@/lib/db/table-maintenance';
import { runFoldJob } from '@/lib/stats/fold-job';
import { ensureDemoAccounts, printDemoAccounts } from './demo-accounts';
import { demoSubmissions } from './demo-data';

async function main() {
  const db = await getDb();
  try {
    if (process.argv.includes('--remove')) {
      if (!isSqlDb(db)) throw new Error('--remove works in the SQL modes; on Supabase delete where is_demo in the SQL editor');
      await db.exec(
        'delete from public.response where is_demo; delete from auth.users where id in (select user_id from public.staff where is_demo);',
      );
      console.log('Demo responses and demo staff accounts removed.');
      return;
    }
    const submissions = demoSubmissions();
    const started = Date.now();
    let created = 0;
    for (let i = 0; i < submissions.length; i += 500) {
      const results = await db.rpc('submit_response_batch', { p_submissions: submissions.slice(i, i + 500) }, serviceRole);
      created += results.filter((r) => r.created).length;
    }
    // Imported responses have settled: into the statistics rollups now rather than by the server's job (the figures
    // are exact either way; this spares the first dashboards reading them raw).
    for (let run = await runFoldJob({ db, settleSeconds: 0 }); run.folded > 0; run = await runFoldJob({ db, settleSeconds: 0 }));
    // Statistics for the import now, so that the server plans for the data it holds from its first request: the
    // embedded database has no autovacuum, and PostgreSQL's comes within a minute or so.
    if (isSqlDb(db)) await (db.mode === 'embedded' ? runTableMaintenance(db) : db.exec('analyze'));
    const accounts = await ensureDemoAccounts(db, env().SIANG_DATA_DIR);
    console.log(
      `Demo data: ${created} new responses (${submissions.length - created} already there) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    printDemoAccounts(accounts, env().PUBLIC_BASE_URL);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

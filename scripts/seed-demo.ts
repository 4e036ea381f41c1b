/**
 * npm run db:demo [-- --remove]
 * Adds the demo responses (scripts/demo-data.ts) to the configured database, marked is_demo so that they can be
 * told apart and removed. Safe to run twice: the client keys are deterministic, so nothing is added again.
 * With the embedded database the server must be stopped first (one process per data folder).
 */
import { getDb, isSqlDb, serviceRole } from '@/lib/db';
import { demoSubmissions } from './demo-data';

async function main() {
  const db = await getDb();
  try {
    if (process.argv.includes('--remove')) {
      if (!isSqlDb(db)) throw new Error('--remove works in the SQL modes; on Supabase delete where is_demo in the SQL editor');
      await db.exec('delete from public.response where is_demo');
      console.log('Demo responses removed.');
      return;
    }
    const submissions = demoSubmissions();
    const started = Date.now();
    let created = 0;
    for (let i = 0; i < submissions.length; i += 500) {
      const results = await db.rpc<{ created: boolean }[]>(
        'submit_response_batch',
        { p_submissions: submissions.slice(i, i + 500) },
        serviceRole,
      );
      created += results.filter((r) => r.created).length;
    }
    console.log(
      `Demo data: ${created} new responses (${submissions.length - created} already there) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

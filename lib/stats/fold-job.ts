import { scheduleJob } from '@/lib/jobs/schedule';
import { getDb, serviceRole, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/**
 * The statistics fold: a new response is queued (stat_pending), not rolled up, so that a submission does no rollup
 * work and waits on no other (see supabase/migrations/*_stat_deferred_rollups.sql). This job moves responses that
 * have waited at least the settle time into the rollups, a batch per call. Figures never wait for it: readers add
 * the pending responses from the raw rows, so the dashboard is exact whether the job ran a second ago or not at all.
 *
 * The settle time (2 minutes) lets a citizen who tapped a face fill in the form while the response is still pending,
 * which costs the amendment no rollup work either. Batches are small so that, on the embedded database (one thread
 * for the app and the database), no citizen waits long behind a batch.
 */

export const FOLD_SETTLE_SECONDS = 120;
export const FOLD_BATCH = 500;
/**
 * Every dashboard read adds the pending responses from the raw rows (bench:dashboard: about 0.1–0.3 ms each on
 * PostgreSQL), so beyond this many the oldest are folded whatever their age. A municipality never gets near it; a
 * flood (or a benchmark) would otherwise slow every dashboard for the settle time.
 */
export const PENDING_CAP = 1000;
/** At most this many batches per run: a backlog (an import, a long stop) is worked off over several runs. */
const MAX_BATCHES_PER_RUN = 40;

export async function runFoldJob(options: { db?: Db; settleSeconds?: number; pendingCap?: number } = {}): Promise<{ folded: number }> {
  const db = options.db ?? (await getDb());
  const settle = options.settleSeconds ?? FOLD_SETTLE_SECONDS;
  const cap = options.pendingCap ?? PENDING_CAP;
  let folded = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
    let result = await db.rpc('stat_fold_pending', { p_settle_seconds: settle, p_limit: FOLD_BATCH }, serviceRole);
    if (result.folded < FOLD_BATCH && result.pending > cap) {
      // Settled ones are done; more wait than readers should add up: the oldest beyond the cap go now.
      const extra = await db.rpc(
        'stat_fold_pending',
        { p_settle_seconds: 0, p_limit: Math.min(FOLD_BATCH, result.pending - cap) },
        serviceRole,
      );
      result = { folded: result.folded + extra.folded, pending: extra.pending };
    }
    folded += result.folded;
    if (result.folded === 0 || (result.folded < FOLD_BATCH && result.pending <= cap)) break;
    await new Promise((resolve) => setImmediate(resolve)); // let requests waiting on the database go first
  }
  if (folded > 0) log.debug({ job: 'stat_fold', folded }, 'pending responses folded into the statistics rollups');
  return { folded };
}

/** From the server's start: every STAT_FOLD_SECONDS (default 30). The timer does not keep the process alive. */
export function scheduleFoldJob(): void {
  const every = env().STAT_FOLD_SECONDS * 1000;
  scheduleJob({ name: 'statistics fold', firstMs: Math.min(every, 15_000), everyMs: every, run: () => runFoldJob() });
}

import { scheduleJob } from '@/lib/jobs/schedule';
import { getDb, serviceRole } from '@/lib/db';
import { log } from '@/lib/log';

/**
 * PDPA: erase contact details past their retention. Scheduled hourly by the running server (instrumentation.ts);
 * the database lets only one instance run it at a time. `npm run purge:contacts` runs it by hand.
 */
export async function purgeExpiredContacts(): Promise<{ purged?: number; skipped?: boolean }> {
  const db = await getDb();
  const result = await db.rpc('purge_expired_contacts', {}, serviceRole);
  log.info({ job: 'purge_expired_contacts', ...result }, 'contact details past retention purged');
  return result;
}

const HOUR = 60 * 60 * 1000;

/** Run the purge a minute after start, then every hour. The timer does not keep the process alive. */
export function schedulePurge(): void {
  scheduleJob({ name: 'contact purge', firstMs: 60_000, everyMs: HOUR, run: purgeExpiredContacts });
}

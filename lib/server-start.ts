import path from 'node:path';
import { getDb, isSqlDb, type SqlDb } from './db';
import { scheduleTableMaintenance } from './db/table-maintenance';
import { answerBackupRequest } from './db/embedded-backup';
import type { ThreadedEmbeddedDb } from './db/pglite-thread';
import { env } from './env';
import { log } from './log';
import { schedulePurge } from './privacy/purge-contacts';
import { scheduleAlertJob } from './alerts/alert-job';
import { scheduleFoldJob } from './stats/fold-job';

/**
 * What the Node.js server does once at start (called from instrumentation.ts): validate the configuration, open the
 * database (migrating and seeding it in the SQL modes) so a bad setting stops start-up with its name and the first
 * citizen does not wait for initdb, schedule the background jobs (contact purge hourly, alerts every minute, the statistics fold every 30 s, vacuum and analyse every minute where the database has no autovacuum), and answer `npm run backup` on the embedded database.
 */
export async function startServer(): Promise<void> {
  const config = env();
  const started = Date.now();
  const db = await getDb().catch((error: Error) => {
    log.error({ err: error.message, mode: config.dbMode }, 'database not ready at start-up');
    if (error.name === 'DataDirLockedError') throw error; // never run beside another process on one folder
    return null; // a PostgreSQL server that is down now may be up at the first request
  });
  if (db) {
    log.info({ mode: db.mode, ms: Date.now() - started }, 'database ready');
    const { changed } = await db.migrationState();
    if (changed?.length) {
      log.warn({ changed }, 'applied migrations have changed since: the database does not have what these files say; add new migrations instead');
    }
  }
  schedulePurge();
  scheduleAlertJob();
  scheduleFoldJob();
  if (config.dbMode === 'embedded' || config.dbMode === 'postgres') {
    // PGlite has no autovacuum, and a server may have it off: without this, plans made while a table was small stay
    // (see the module). Each run asks the database first; with autovacuum on it does nothing.
    scheduleTableMaintenance(async (): Promise<SqlDb> => {
      const current = await getDb();
      if (!isSqlDb(current)) throw new Error('the database is not an SQL transport');
      return current;
    });
  }

  if (db?.mode === 'embedded' && 'snapshot' in db) {
    // `npm run backup` while the server runs: it leaves a request file and sends SIGUSR2; the snapshot is taken here.
    const source = db as ThreadedEmbeddedDb;
    process.on('SIGUSR2', () => {
      answerBackupRequest(source, path.resolve(config.SIANG_DATA_DIR))
        .then((target) => target && log.info({ target }, 'backup written'))
        .catch((error: Error) => log.error({ err: error.message }, 'backup failed'));
    });
  }
}

import path from 'node:path';
import { getDb, isSqlDb, type SqlDb } from './db';
import { scheduleTableMaintenance } from './db/table-maintenance';
import { answerBackupRequest } from './db/embedded-backup';
import type { ThreadedEmbeddedDb } from './db/pglite-thread';
import { env } from './env';
import { log } from './log';
import { secrets } from './secrets';
import { schedulePurge } from './privacy/purge-contacts';
import { scheduleAlertJob } from './alerts/alert-job';
import { scheduleFoldJob } from './stats/fold-job';

/**
 * What the Node.js server does once at start (called from instrumentation.ts): validate the configuration, open the
 * database (migrating and seeding it in the SQL modes) so a bad setting stops start-up with its name and the first
 * citizen does not wait for initdb, schedule the background jobs (contact purge hourly, alerts every minute, the
 * statistics fold every 30 s, vacuum and analyse every minute where the database has no autovacuum), and answer
 * `npm run backup` on the embedded database.
 *
 * A server that cannot work must not keep listening: Next.js logs an error thrown here and serves anyway, answering
 * 500 to everything (once 140k log lines in 7 minutes), and a service manager never restarts a process that is up. So
 * a bad setting, a missing secret, or an embedded database that cannot open ends the process with exit code 1 and one
 * line that names the problem. Only a database server that is down now may come back, so only that start goes on.
 */
export async function startServer(): Promise<void> {
  try {
    await start();
  } catch (error) {
    stopStarting(error as Error);
  }
}

/** Thrown for a start-up problem whose message says all (no stack trace is useful). */
export class StartError extends Error {
  override name = 'StartError';
}

function stopStarting(error: Error): never {
  const known = ['ConfigError', 'StartError', 'DataDirLockedError'].includes(error.name);
  // console.error, not the logger: it is written synchronously (files and pipes), before process.exit ends everything.
  console.error(known ? error.message : `Siang cannot start: ${error.message}`);
  if (!known && error.stack) console.error(error.stack);
  process.exit(1);
}

async function start(): Promise<void> {
  const config = env();
  if (config.NODE_ENV === 'production' && !config.SIANG_SERVER && config.TRUSTED_PROXIES.kind === 'none') {
    throw new StartError(
      'Siang cannot start: it cannot see client addresses. Start it with `npm start` (node server.mjs), which tells the ' +
        'app each socket address, or set TRUSTED_PROXIES to the proxy in front (docs/operations.md). `next start` ' +
        'alone lets every client name its own address and evade the per-address limits.',
    );
  }
  const started = Date.now();
  const db = await getDb().catch((error: Error) => {
    if (config.dbMode === 'embedded') {
      // Nothing outside this process will fix it: another process holds the folder, or its files cannot be read.
      if (error.name === 'DataDirLockedError') throw error;
      throw new StartError(
        `Siang cannot start: the embedded database in ${path.resolve(config.SIANG_DATA_DIR)} did not open: ${error.message}`,
      );
    }
    log.error({ err: error.message, mode: config.dbMode }, 'database not ready at start-up');
    return null; // a PostgreSQL server that is down now may be up at the first request
  });
  try {
    secrets(); // given (database server) or created in the data folder (embedded): either way, before the first request
  } catch (error) {
    throw new StartError(
      `Siang cannot start: the secrets file in ${path.resolve(config.SIANG_DATA_DIR)} could not be read or written: ${(error as Error).message}`,
    );
  }
  if (db) {
    log.info({ mode: db.mode, ms: Date.now() - started }, 'database ready');
    const { changed } = await db.migrationState();
    if (changed?.length) {
      log.warn(
        { changed },
        'applied migrations have changed since: the database does not have what these files say; add new migrations instead',
      );
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

/**
 * Runs once when the server starts: validate the configuration and open the database (migrating and seeding it in
 * the SQL modes), so a bad setting stops start-up with its name and the first citizen does not wait for initdb.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./lib/env');
  const { log } = await import('./lib/log');
  const config = env();
  const { getDb } = await import('./lib/db');
  const started = Date.now();
  const db = await getDb().catch((error: Error) => {
    log.error({ err: error.message, mode: config.dbMode }, 'database not ready at start-up');
    if (error.name === 'DataDirLockedError') throw error; // never run beside another process on one folder
    return null; // a PostgreSQL server that is down now may be up at the first request
  });
  if (db) log.info({ mode: db.mode, ms: Date.now() - started }, 'database ready');
  const { schedulePurge } = await import('./lib/privacy/purge-contacts');
  schedulePurge();
  if (db?.mode === 'embedded' && 'pglite' in db) {
    // `npm run backup` while the server runs: it leaves a request file and sends SIGUSR2; the snapshot is taken here.
    const { answerBackupRequest } = await import('./lib/db/embedded-backup');
    const path = await import('node:path');
    const pglite = (db as unknown as { pglite: import('@electric-sql/pglite').PGlite }).pglite;
    process.on('SIGUSR2', () => {
      answerBackupRequest(pglite, path.resolve(config.SIANG_DATA_DIR))
        .then((target) => target && log.info({ target }, 'backup written'))
        .catch((error: Error) => log.error({ err: error.message }, 'backup failed'));
    });
  }
}

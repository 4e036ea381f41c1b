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
}

import type { Db } from './types';

/**
 * The process's one database (a promise while it opens), kept on globalThis: development reloads must never open the
 * embedded folder twice in one process, and the proxy, instrumentation and the routes are bundled apart, each with its
 * own copy of these modules. Only getDb() (lib/db/index.ts) opens it. This file loads no transport, so the proxy can
 * import it without bundling pg, supabase-js or the embedded database's worker.
 */
export const openedDbHolder = globalThis as typeof globalThis & { __siangDb?: Promise<Db> };

/**
 * Asks the database the routes opened whether it answers; throws when it does not, or when none is open. It never
 * opens one: the proxy only asks while a route has found the server away (lib/db/availability.ts), and opening is the
 * routes' business, with their error handling.
 */
export async function probeOpenedDb(): Promise<void> {
  const db = await openedDbHolder.__siangDb;
  if (!db) throw new Error('not open');
  await db.migrationState();
}

import path from 'node:path';
import { env } from '../env';
import { log } from '../log';
import { openedDbHolder as holder } from './opened-db';
import type { Db } from './types';

export * from './types';
export {
  DbError,
  DbUnavailableError,
  isConflict,
  isDbError,
  isDbUnavailable,
  isDuplicate,
  isInvalidCredential,
  isNotFound,
  isPermissionDenied,
  isRefusal,
} from './errors';

/**
 * The process's one database, opened on first use from the configuration (lib/env.ts):
 * SUPABASE_URL → supabase, DATABASE_URL → postgres, otherwise the embedded folder SIANG_DATA_DIR (default .data).
 * Kept on globalThis (lib/db/opened-db.ts), so development reloads never open the embedded folder twice in one process.
 */

export function getDb(): Promise<Db> {
  holder.__siangDb ??= openConfigured().catch((error) => {
    holder.__siangDb = undefined; // a later call may succeed (a server that was down at start-up)
    throw error;
  });
  return holder.__siangDb;
}

async function openConfigured(): Promise<Db> {
  const config = env();
  switch (config.dbMode) {
    case 'supabase': {
      // Each transport is loaded only when chosen: the embedded default never loads supabase-js or pg.
      const { openSupabase } = await import('./supabase');
      return openSupabase({
        url: config.SUPABASE_URL!,
        anonKey: config.SUPABASE_ANON_KEY!,
        serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY!,
      });
    }
    case 'postgres': {
      const { openPostgres } = await import('./postgres');
      return openPostgres({ connectionString: config.DATABASE_URL! });
    }
    case 'embedded': {
      // On its own thread, so that its SQL (WebAssembly) does not hold up Next.js: see pglite-thread.ts.
      const { openEmbeddedThread } = await import('./pglite-thread');
      return openEmbeddedThread({
        dataDir: path.resolve(config.SIANG_DATA_DIR),
        // A crashed database thread: the calls of that moment fail as unavailable (503), the next call opens it again.
        onLost: (error) => {
          log.error({ err: error.message }, 'embedded database thread lost; it is opened again at the next call');
          holder.__siangDb = undefined;
        },
      });
    }
  }
}

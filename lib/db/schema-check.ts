import { getDb } from './index';
import type { DbMode } from './types';

/**
 * Whether the database's schema is older than this code: migrations in supabase/migrations that it has not applied.
 * In the SQL modes the app applies them at start, so this is rare there (a start that failed half-way); in Supabase
 * mode `supabase db push` applies them, and a release deployed without it would fail at run time while looking fine.
 * The answer is kept for 30 seconds, so a busy staff page does not ask on every request: after the push, staff pages
 * open again within that time. An unreachable database is not "behind": the pages' own 503 handles that.
 */

export interface SchemaBehind {
  mode: DbMode;
  pending: string[];
}

const TTL_MS = 30_000;
const holder = globalThis as typeof globalThis & { __siangSchemaCheck?: { at: number; value: SchemaBehind | null } };

export async function schemaBehind(now = Date.now()): Promise<SchemaBehind | null> {
  const cached = holder.__siangSchemaCheck;
  if (cached && now - cached.at < TTL_MS) return cached.value;
  try {
    const db = await getDb();
    const { pending } = await db.migrationState();
    const value = pending.length ? { mode: db.mode, pending } : null;
    holder.__siangSchemaCheck = { at: now, value };
    return value;
  } catch {
    return null;
  }
}

/** The command that brings the schema up to date, by mode: named in the message staff see, and in the README. */
export function upgradeCommand(mode: DbMode): string {
  return mode === 'supabase'
    ? 'npx supabase db push --db-url "postgres://postgres.<ref>:<password>@aws-0-<region>.pooler.supabase.com:5432/postgres"'
    : 'npm start   # Siang applies pending migrations when it starts';
}

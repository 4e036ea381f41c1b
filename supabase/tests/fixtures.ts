import { randomUUID } from 'node:crypto';
import { serviceRole, type Caller, type Db, type SqlDb } from '../../lib/db/types';

/** The twelve item codes of the published survey the base seed creates (supabase/seed.sql). */
export const SEED_ITEMS = [
  'process_simple',
  'process_speed',
  'process_posted',
  'process_queue',
  'staff_polite',
  'staff_attentive',
  'staff_equal',
  'facilities_seating',
  'facilities_signs',
  'facilities_clean',
  'outcome_needs_met',
  'outcome_correct',
];

/** A submission as the server sends it to submit_response (snake_case, as in SQL). */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { client_key: randomUUID(), service_point: 'civil-registration', locale: 'th', overall_rating: 4, ...overrides };
}

export interface SubmitResult {
  responseId: string;
  reference: string;
  checkCode: string;
  created: boolean;
  hasSuggestion: boolean;
}

export function submit(db: SqlDb, payload: Record<string, unknown>): Promise<SubmitResult> {
  return db.rpc('submit_response', { p_submission: payload }, serviceRole);
}

/** Rows as the database owner sees them (bypassing RLS), for assertions. */
export function ownerQuery<T = Record<string, unknown>>(db: SqlDb, sql: string, params: unknown[] = []): Promise<T[]> {
  return db.ownerQuery<T>(sql, params);
}

/** Expect a refusal from SQL: errcode 22023 with this code in the message and, if given, this field in the detail. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; detail?: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: string; message: string; detail?: string };
    return { code: e.code, message: e.message, detail: e.detail };
  }
  throw new Error('expected the database to refuse, but it accepted');
}

/**
 * Call an API function past the registry's types, as a hostile Supabase client could (with the anon key, anyone
 * can send any name and any values): for tests that prove the SQL itself refuses what TypeScript would forbid.
 */
export function rpcUnchecked(db: Db, fn: string, args: Record<string, unknown>, caller: Caller): Promise<unknown> {
  const loose = db.rpc as (fn: string, args: Record<string, unknown>, caller: Caller) => Promise<unknown>;
  return loose.call(db, fn, args, caller);
}

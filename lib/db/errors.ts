/**
 * Errors the database layer raises. Test them with isDbError / isDbUnavailable, not instanceof: the database object
 * is shared through globalThis between separately bundled entries (instrumentation, routes), each with its own copy
 * of these classes. Domain refusals from SQL functions arrive as SQLSTATE 22023 with a stable code in
 * the message and the offending field in the detail (see app.refuse in supabase/schemas/00_foundation.sql); the other
 * SQLSTATEs the API raises on purpose are named in SQLSTATE below, each with a predicate (isRefusal, isNotFound, …).
 */

export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

/**
 * The SQLSTATEs the API's functions raise on purpose, named for what they mean to a caller. This is the only place
 * in the app that spells them: callers ask the predicates below.
 */
export const SQLSTATE = {
  /** invalid_parameter_value: the input is refused; the message is a stable code, the detail names the field. */
  refusal: '22023',
  /** insufficient_privilege: the caller's role or RLS does not allow it (also: not signed in as staff). */
  permissionDenied: '42501',
  /** no_data_found: the thing named does not exist, or the caller may not see it. */
  notFound: 'P0002',
  /** serialization_failure: the row changed since the caller read it (stale version), or a serialisation failure. */
  conflict: '40001',
  /** unique_violation: the value (a slug, an e-mail) is already taken. */
  duplicate: '23505',
  /** invalid_authorization_specification: a credential that is not the caller's own (a kiosk's unknown or revoked
   *  device code); the message says which. */
  invalidCredential: '28000',
} as const;

const hasCode =
  (code: string) =>
  (error: unknown): error is DbError =>
    isDbError(error) && error.code === code;

/** The input was refused by SQL validation: show error.message (a code) beside the field in error.detail. */
export const isRefusal = hasCode(SQLSTATE.refusal);
/** The caller may not do this: their role, their division, or no staff session at all. */
export const isPermissionDenied = hasCode(SQLSTATE.permissionDenied);
/** What the call named does not exist (or is not visible to the caller). */
export const isNotFound = hasCode(SQLSTATE.notFound);
/** Someone else saved first: reload and try again. */
export const isConflict = hasCode(SQLSTATE.conflict);
/** A value that must be unique is already in use. */
export const isDuplicate = hasCode(SQLSTATE.duplicate);
/** A device credential the database does not accept (kiosk_unknown or kiosk_revoked in error.message). */
export const isInvalidCredential = hasCode(SQLSTATE.invalidCredential);

/** The database cannot be reached (server down, restarting, or the embedded folder is locked by another process). */
export class DbUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'DbUnavailableError';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** Turn a driver error into DbError or DbUnavailableError; anything else is rethrown unchanged. */
export function toDbError(error: unknown): Error {
  if (isDbError(error) || isDbUnavailable(error)) return error;
  const e = error as { code?: unknown; message?: unknown; detail?: unknown; hint?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (
    (code && CONNECTION_CODES.has(code)) ||
    /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)
  ) {
    return new DbUnavailableError(message, error);
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    return new DbError(code, message, typeof e.detail === 'string' ? e.detail : undefined, typeof e.hint === 'string' ? e.hint : undefined);
  }
  return error instanceof Error ? error : new Error(message);
}

export function isDbError(error: unknown): error is DbError {
  return error instanceof Error && error.name === 'DbError' && typeof (error as DbError).code === 'string';
}

export function isDbUnavailable(error: unknown): error is DbUnavailableError {
  return error instanceof Error && error.name === 'DbUnavailableError';
}

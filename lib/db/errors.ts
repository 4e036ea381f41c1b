/**
 * Errors the database layer raises. Test them with isDbError / isDbUnavailable, not instanceof: the database object
 * is shared through globalThis between separately bundled entries (instrumentation, routes), each with its own copy
 * of these classes. Domain refusals from SQL functions arrive as SQLSTATE 22023 with a stable code in
 * the message and the offending field in the detail (see supabase/schemas/00_foundation.sql, app.refuse).
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

  /** A refusal of the input (validation in SQL): show it to the person, do not log it as a failure. */
  get isRefusal(): boolean {
    return this.code === '22023';
  }

  /** Refused by grants or RLS. */
  get isPermissionDenied(): boolean {
    return this.code === '42501';
  }

  /** Another save got there first (optimistic concurrency) or a serialisation failure. */
  get isConflict(): boolean {
    return this.code === '40001';
  }
}

/** The database cannot be reached (server down, restarting, or the embedded folder is locked by another process). */
export class DbUnavailableError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'DbUnavailableError';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000',
  '08001', '08003', '08006',
]);

/** Turn a driver error into DbError or DbUnavailableError; anything else is rethrown unchanged. */
export function toDbError(error: unknown): Error {
  if (isDbError(error) || isDbUnavailable(error)) return error;
  const e = error as { code?: unknown; message?: unknown; detail?: unknown; hint?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if ((code && CONNECTION_CODES.has(code)) || /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(message)) {
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

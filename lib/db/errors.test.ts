import { describe, expect, it } from 'vitest';
import {
  DbUnavailableError,
  isConflict,
  isDbError,
  isDuplicate,
  isInvalidCredential,
  isNotFound,
  isPermissionDenied,
  isRefusal,
  toDbError,
} from './errors';

/** A driver's error as node-postgres and PGlite raise it: a plain Error with the SQLSTATE in `code`. */
const driverError = (code: string, message = 'x', detail?: string) => Object.assign(new Error(message), { code, detail });

const predicates = { isRefusal, isPermissionDenied, isNotFound, isConflict, isDuplicate, isInvalidCredential };

describe('DbError predicates', () => {
  it('each recognises the one SQLSTATE the API raises for it, and no other', () => {
    const raised: Record<keyof typeof predicates, string> = {
      isRefusal: '22023', // app.refuse(): invalid_parameter_value
      isPermissionDenied: '42501', // a grant, RLS, or "forbidden" raised by a function
      isNotFound: 'P0002', // raise 'not_found'
      isConflict: '40001', // raise 'stale_version'
      isDuplicate: '23505', // a unique constraint
      isInvalidCredential: '28000', // raise 'kiosk_unknown' / 'kiosk_revoked'
    };
    for (const [name, code] of Object.entries(raised)) {
      const error = toDbError(driverError(code));
      for (const [other, is] of Object.entries(predicates)) expect(is(error), `${other}(${code})`).toBe(other === name);
    }
  });

  it('keeps what a caller shows: the refusal code in the message and the field in the detail', () => {
    const error = toDbError(driverError('22023', 'invalid_rating', 'overall_rating'));
    expect(isRefusal(error) && [error.message, error.detail]).toEqual(['invalid_rating', 'overall_rating']);
  });

  it('answers false for anything that is not a database error, even one carrying the same code', () => {
    for (const value of [driverError('42501'), { code: '42501', name: 'DbError' }, '42501', null, undefined]) {
      expect(isPermissionDenied(value)).toBe(false);
    }
    expect(isRefusal(new DbUnavailableError('down'))).toBe(false);
  });

  it('recognises a DbError made by another bundled copy of this module (the shared database object may be one)', () => {
    class DbError extends Error {
      constructor(
        readonly code: string,
        message: string,
      ) {
        super(message);
        this.name = 'DbError';
      }
    }
    const foreign = new DbError('P0002', 'not_found');
    expect(isDbError(foreign)).toBe(true);
    expect(isNotFound(foreign)).toBe(true);
  });

  it('leaves connection failures to isDbUnavailable, not to any refusal', () => {
    const error = toDbError(driverError('57P01', 'terminating connection'));
    expect(error).toBeInstanceOf(DbUnavailableError);
    for (const is of Object.values(predicates)) expect(is(error)).toBe(false);
  });
});

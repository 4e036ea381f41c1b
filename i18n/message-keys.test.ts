import { describe, expect, it } from 'vitest';
import { isMessageKey, messageKey } from './message-keys';

describe('message keys read from codes that come from outside the types', () => {
  it('knows a message under its namespace, at any depth of the namespace', () => {
    expect(isMessageKey('errors', 'required')).toBe(true);
    expect(isMessageKey('staff.admin.errors', 'slug_taken')).toBe(true);
    expect(isMessageKey('staff', 'status.new')).toBe(true);
  });

  it('refuses a code that is not a message: unknown, a namespace rather than a message, or an object property', () => {
    expect(isMessageKey('errors', 'no_such_code')).toBe(false);
    expect(isMessageKey('staff', 'status')).toBe(false);
    expect(isMessageKey('errors', 'toString')).toBe(false);
    expect(isMessageKey('errors', '')).toBe(false);
  });

  it('falls back for an unknown code, so an SQL error never shows its raw name', () => {
    expect(messageKey('errors', 'text_too_long', 'generic')).toBe('text_too_long');
    expect(messageKey('errors', 'P0001: something', 'generic')).toBe('generic');
  });
});

import { describe, expect, it } from 'vitest';
import { afterWindowStarted } from './types';

describe('the after window of an action done', () => {
  it('has not begun on the day the action was done: its end (today) is before its start (tomorrow)', () => {
    expect(afterWindowStarted({ after: { from: '2026-12-07', to: '2026-12-06', complete: false } })).toBe(false);
  });
  it('has begun from its first day', () => {
    expect(afterWindowStarted({ after: { from: '2026-12-07', to: '2026-12-07', complete: false } })).toBe(true);
    expect(afterWindowStarted({ after: { from: '2026-09-08', to: '2026-12-06', complete: true } })).toBe(true);
  });
});

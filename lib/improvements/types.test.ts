import { describe, expect, it } from 'vitest';
import { afterPeriodCloses, afterWindowStarted, impactVerdict } from './types';

describe('the after window of an action done', () => {
  it('has not begun on the day the action was done: its end (today) is before its start (tomorrow)', () => {
    expect(afterWindowStarted({ after: { from: '2026-12-07', to: '2026-12-06', complete: false } })).toBe(false);
  });
  it('has begun from its first day', () => {
    expect(afterWindowStarted({ after: { from: '2026-12-07', to: '2026-12-07', complete: false } })).toBe(true);
    expect(afterWindowStarted({ after: { from: '2026-09-08', to: '2026-12-06', complete: true } })).toBe(true);
  });
});

describe('the public view of an after period still open', () => {
  it('closes on the completion day plus the window: done on 6 December with 90 days, the last day is 6 March', () => {
    expect(afterPeriodCloses({ windowDays: 90, after: { from: '2026-12-07', to: '2026-12-06', complete: false } })).toBe('2027-03-06');
    expect(afterPeriodCloses({ windowDays: 14, after: { from: '2027-02-20', to: '2027-02-20', complete: false } })).toBe('2027-03-05');
  });
  it('is pending, whatever the figures, before any other verdict', () => {
    expect(impactVerdict({ code: 'overall', enough: false, pending: true })).toBe('pending');
    expect(impactVerdict({ code: 'overall', enough: false })).toBe('not_enough');
  });
});

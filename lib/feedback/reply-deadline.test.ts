import { describe, expect, it } from 'vitest';
import { replyState } from './reply-deadline';

const due = '2026-12-01T03:00:00.000Z';

describe('the reply deadline of a suggestion', () => {
  it('is answered in time by a first reply on or before its due moment, late after it', () => {
    expect(replyState({ dueAt: due, answeredAt: '2026-11-30T03:00:00.000Z' }, new Date('2026-12-20'))).toEqual({
      kind: 'answered',
      inTime: true,
    });
    expect(replyState({ dueAt: due, answeredAt: due }, new Date('2026-12-20'))).toEqual({ kind: 'answered', inTime: true });
    expect(replyState({ dueAt: due, answeredAt: '2026-12-02T03:00:00.000Z' }, new Date('2026-12-20'))).toEqual({
      kind: 'answered',
      inTime: false,
    });
  });
  it('is overdue by whole days once its time has passed without a reply', () => {
    expect(replyState({ dueAt: due, answeredAt: null }, new Date('2026-12-01T04:00:00.000Z'))).toEqual({ kind: 'overdue', days: 1 });
    expect(replyState({ dueAt: due, answeredAt: null }, new Date('2026-12-06T03:00:00.000Z'))).toEqual({ kind: 'overdue', days: 5 });
  });
  it('is waiting while its time lasts', () => {
    expect(replyState({ dueAt: due, answeredAt: null }, new Date('2026-11-25T00:00:00.000Z'))).toEqual({ kind: 'waiting' });
  });
});

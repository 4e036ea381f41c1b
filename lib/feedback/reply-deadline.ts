import type { InboxItem } from './types';

export type ReplyState = { kind: 'answered'; inTime: boolean } | { kind: 'overdue'; days: number } | { kind: 'waiting' };

const DAY = 86_400_000;

/**
 * Where a suggestion stands against the LPA's reply rule: answered (by its first public reply, in time or late),
 * overdue by so many whole days, or still within its time.
 */
export function replyState(item: Pick<InboxItem, 'dueAt' | 'answeredAt'>, now: Date): ReplyState {
  const due = Date.parse(item.dueAt);
  if (item.answeredAt) return { kind: 'answered', inTime: Date.parse(item.answeredAt) <= due };
  if (now.getTime() > due) return { kind: 'overdue', days: Math.max(1, Math.floor((now.getTime() - due) / DAY)) };
  return { kind: 'waiting' };
}

import { describe, expect, it } from 'vitest';
import { actionEvent } from './history-events';

describe('the history of an improvement action', () => {
  it('tells each audit row as an event, not as table and operation codes', () => {
    expect(actionEvent({ entity: 'improvement_action', action: 'insert' })).toBe('created');
    expect(actionEvent({ entity: 'improvement_action', action: 'update', after: { progress: 50 } })).toBe('edited');
    expect(actionEvent({ entity: 'improvement_action', action: 'update', after: { published: true, published_at: 'x' } })).toBe(
      'published',
    );
    expect(actionEvent({ entity: 'improvement_action', action: 'update', after: { published: false } })).toBe('unpublished');
    expect(actionEvent({ entity: 'improvement_action_update', action: 'insert' })).toBe('updateAdded');
    expect(actionEvent({ entity: 'improvement_action_evidence', action: 'insert' })).toBe('evidenceAdded');
    expect(actionEvent({ entity: 'improvement_action_evidence', action: 'delete' })).toBe('evidenceRemoved');
    expect(actionEvent({ entity: 'improvement_action_suggestion', action: 'insert' })).toBe('suggestionLinked');
    expect(actionEvent({ entity: 'improvement_action_suggestion', action: 'delete' })).toBe('suggestionUnlinked');
  });
});

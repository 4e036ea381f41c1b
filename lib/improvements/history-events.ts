/** The kinds of change an improvement action's history records, each told by a message of staff.actions.events. */
export type ActionEvent =
  | 'created'
  | 'edited'
  | 'published'
  | 'unpublished'
  | 'deleted'
  | 'updateAdded'
  | 'updateRemoved'
  | 'evidenceAdded'
  | 'evidenceChanged'
  | 'evidenceRemoved'
  | 'suggestionLinked'
  | 'suggestionUnlinked'
  | 'other';

/**
 * What one audit row of an action (the action itself, or its timeline, evidence and links) means to a reader, from
 * its table and operation; a publication or its withdrawal is told as such.
 */
export function actionEvent(entry: { entity: string; action: string; after?: Record<string, unknown> | null }): ActionEvent {
  const part = entry.entity.replace(/^improvement_action_?/, '');
  const op = entry.action;
  if (part === '') {
    if (op === 'insert') return 'created';
    if (op === 'delete') return 'deleted';
    if (op === 'update' && entry.after && 'published' in entry.after) return entry.after.published ? 'published' : 'unpublished';
    if (op === 'update') return 'edited';
  }
  if (part === 'update') return op === 'delete' ? 'updateRemoved' : 'updateAdded';
  if (part === 'evidence') return op === 'insert' ? 'evidenceAdded' : op === 'delete' ? 'evidenceRemoved' : 'evidenceChanged';
  if (part === 'suggestion') return op === 'delete' ? 'suggestionUnlinked' : 'suggestionLinked';
  return 'other';
}

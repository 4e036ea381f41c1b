import type { AuditEntry } from './types';

/** One change in a suggestion's history, as a message of `staff.suggestion.changes` and its values. */
export interface AuditSentence {
  key:
    | 'status'
    | 'category'
    | 'routed'
    | 'rerouted'
    | 'unrouted'
    | 'duplicateOf'
    | 'notDuplicate'
    | 'publicBody'
    | 'publicBodyCleared'
    | 'field';
  values: Record<string, string>;
}

/** How the reader's language names a status, a category, a division (by id) and a column. */
export interface AuditNames {
  status(code: string): string;
  category(code: string): string;
  division(id: number): string;
  field(column: string): string;
}

/**
 * The changes an audit row records (its `before` and `after` hold only the columns that changed), each as a sentence
 * in the reader's language: "status from X to Y", "routed to the finance division", never raw codes or ids.
 */
export function auditSentences(entry: Pick<AuditEntry, 'before' | 'after'>, names: AuditNames): AuditSentence[] {
  const before = entry.before ?? {};
  return Object.entries(entry.after ?? {}).map(([column, to]): AuditSentence => {
    const from = before[column];
    switch (column) {
      case 'status':
        return { key: 'status', values: { from: names.status(String(from)), to: names.status(String(to)) } };
      case 'category':
        return { key: 'category', values: { from: names.category(String(from)), to: names.category(String(to)) } };
      case 'assigned_division_id':
        if (to === null) return { key: 'unrouted', values: { from: names.division(Number(from)) } };
        if (from === null || from === undefined) return { key: 'routed', values: { to: names.division(Number(to)) } };
        return { key: 'rerouted', values: { from: names.division(Number(from)), to: names.division(Number(to)) } };
      case 'duplicate_of':
        return to === null ? { key: 'notDuplicate', values: {} } : { key: 'duplicateOf', values: { to: String(to) } };
      case 'public_body':
        return to === null ? { key: 'publicBodyCleared', values: {} } : { key: 'publicBody', values: {} };
      default:
        return { key: 'field', values: { field: names.field(column) } };
    }
  });
}

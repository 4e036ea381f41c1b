import { describe, expect, it } from 'vitest';
import { auditSentences, type AuditNames } from './audit-sentences';

const names: AuditNames = {
  status: (c) => ({ new: 'ใหม่', assigned: 'ส่งต่อกองแล้ว' })[c] ?? `?${c}`,
  category: (c) => ({ other: 'อื่น ๆ', process: 'ขั้นตอน' })[c] ?? `?${c}`,
  division: (id) => ({ 1: 'สำนักปลัด', 2: 'กองคลัง' })[id] ?? `?${id}`,
  field: (c) => `[${c}]`,
};

describe('audit trail sentences', () => {
  it('name statuses, categories and divisions in words, never as codes or ids', () => {
    const sentences = auditSentences(
      {
        before: { status: 'new', category: 'other', assigned_division_id: null },
        after: { status: 'assigned', category: 'process', assigned_division_id: 1 },
      },
      names,
    );
    expect(sentences).toEqual([
      { key: 'status', values: { from: 'ใหม่', to: 'ส่งต่อกองแล้ว' } },
      { key: 'category', values: { from: 'อื่น ๆ', to: 'ขั้นตอน' } },
      { key: 'routed', values: { to: 'สำนักปลัด' } },
    ]);
    expect(JSON.stringify(sentences)).not.toMatch(/"(other|process|new|assigned|1)"/);
  });

  it('tell a move between divisions from a routing taken back', () => {
    expect(auditSentences({ before: { assigned_division_id: 1 }, after: { assigned_division_id: 2 } }, names)).toEqual([
      { key: 'rerouted', values: { from: 'สำนักปลัด', to: 'กองคลัง' } },
    ]);
    expect(auditSentences({ before: { assigned_division_id: 2 }, after: { assigned_division_id: null } }, names)).toEqual([
      { key: 'unrouted', values: { from: 'กองคลัง' } },
    ]);
  });

  it('say what happened to the public text and the duplicate mark, and name any other column', () => {
    expect(
      auditSentences(
        { before: { public_body: null, duplicate_of: null, body: 'a' }, after: { public_body: 'x', duplicate_of: 42, body: 'b' } },
        names,
      ),
    ).toEqual([
      { key: 'publicBody', values: {} },
      { key: 'duplicateOf', values: { to: '42' } },
      { key: 'field', values: { field: '[body]' } },
    ]);
  });
});

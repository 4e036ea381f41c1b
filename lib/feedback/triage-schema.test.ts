import { describe, expect, it } from 'vitest';
import { toTriageChanges, triageSchema } from './triage-schema';

describe('triage form', () => {
  it('sends only the fields the form carried', () => {
    const input = triageSchema.parse({ id: '7', version: '3', status: 'in_progress', category: 'process', note: 'โทรแจ้งแล้ว' });
    expect(toTriageChanges(input)).toEqual({ status: 'in_progress', category: 'process', note: 'โทรแจ้งแล้ว' });
    const pr = triageSchema.parse({
      id: '7',
      version: '3',
      status: 'assigned',
      category: 'process',
      division: '',
      publicBody: '',
      duplicateOf: ' kp-2570-000001 ',
    });
    expect(toTriageChanges(pr)).toEqual({
      status: 'assigned',
      category: 'process',
      division: null,
      publicBody: '',
      duplicateOf: 'KP-2570-000001',
    });
  });

  it('names oversized text, unknown statuses and bad references', () => {
    const result = triageSchema.safeParse({
      id: '1',
      version: '1',
      status: 'hacked',
      category: 'process',
      note: 'ก'.repeat(2001),
      duplicateOf: 'x',
    });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({ status: 'invalid_transition', note: 'text_too_long', duplicateOf: 'unknown_reference' });
  });
});

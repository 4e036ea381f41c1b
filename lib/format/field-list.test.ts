import { describe, expect, it } from 'vitest';
import { fieldList } from './field-list';

describe('filter fields named in an error', () => {
  it('are words joined as the language joins a list, never parameter names', () => {
    const label = (f: string) => ({ from: 'from date', to: 'to date', fiscalYear: 'fiscal year' })[f] ?? f;
    expect(fieldList(['from', 'to'], 'en', label)).toBe('from date and to date');
    expect(fieldList(['fiscalYear', 'from', 'to'], 'en', label)).toBe('fiscal year, from date, and to date');
    expect(fieldList(['from', 'to'], 'th', (f) => ({ from: 'ตั้งแต่วันที่', to: 'ถึงวันที่' })[f]!)).toBe('ตั้งแต่วันที่และถึงวันที่');
  });
});

import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvLine } from './csv';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and keeps Thai and emoji as they are', () => {
    expect(csvLine(['ห้องน้ำ, สกปรก', 'เขา "ว่า"', 'บรรทัด\nใหม่', '🙂', 4, null])).toBe(
      '"ห้องน้ำ, สกปรก","เขา ""ว่า""","บรรทัด\nใหม่",🙂,4,\r\n',
    );
  });

  it('neutralises anything a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(attack).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell(-4)).toBe('-4'); // a number is a number, not a formula
    expect(BOM).toBe('\uFEFF');
  });
});

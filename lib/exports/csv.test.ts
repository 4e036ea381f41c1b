import { describe, expect, it } from 'vitest';
import { BOM, csvCell, csvLine } from './csv';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, and keeps Thai and emoji as they are', () => {
    expect(csvLine(['ห้องน้ำ, สกปรก', 'เขา "ว่า"', 'บรรทัด\nใหม่', '🙂', 4, null])).toBe('"ห้องน้ำ, สกปรก","เขา ""ว่า""","บรรทัด\nใหม่",🙂,4,\r\n');
  });

  it('neutralises anything a spreadsheet would run as a formula', () => {
    for (const attack of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(csvCell(attack).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell(-4)).toBe('-4'); // a number is a number, not a formula
    expect(BOM).toBe('\uFEFF');
  });

  it('neutralises formulas hidden behind leading whitespace or written in full-width characters', () => {
    // Excel and LibreOffice skip leading blanks and read full-width ＝＋－＠ as their ASCII forms.
    const hidden = [
      ' =1+1',
      '   +1',
      '\t@SUM(A1)',
      '\n=1',
      '\r\n-1',
      '\u00a0=1',
      '\u3000=1',
      '＝HYPERLINK("http://evil")',
      '＋1',
      '－1',
      '＠SUM(A1)',
      ' ＝1',
      '﹦1',
    ];
    for (const attack of hidden) {
      expect(csvCell(attack).replace(/^"/, '').startsWith("'"), JSON.stringify(attack)).toBe(true);
    }
    for (const harmless of ['ห้องน้ำ = สกปรก', ' ปกติ', 'a-b', '5 ดาว']) {
      expect(csvCell(harmless).replace(/^"/, '').startsWith("'"), JSON.stringify(harmless)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatMonth, toThaiDigits } from './thai-format';

describe('Thai-aware formatting', () => {
  it('writes official Thai dates in the Buddhist Era, with Thai digits when chosen', () => {
    const d = new Date('2020-01-31T05:00:00Z');
    expect(formatDate(d, 'th')).toBe('31 มกราคม 2563');
    expect(formatDate(d, 'th', { thaiDigits: true })).toBe('๓๑ มกราคม ๒๕๖๓');
    expect(formatDate(d, 'en')).toBe('31 January 2020');
  });

  it('uses Bangkok time for the date: 23:30 UTC is already the next day', () => {
    expect(formatDate(new Date('2023-09-30T17:30:00Z'), 'en')).toBe('1 October 2023');
  });

  it('writes months as the seed report does (ต.ค. 65) and numbers with fixed decimals', () => {
    expect(formatMonth(new Date('2022-10-15T00:00:00+07:00'), 'th')).toBe('ต.ค. 65');
    expect(formatDecimal(91.6, 2, 'th')).toBe('91.60');
    expect(formatDecimal(4.5, 2, 'th', { thaiDigits: true })).toBe('๔.๕๐');
    expect(toThaiDigits('KP-2570-000123')).toBe('KP-๒๕๗๐-๐๐๐๑๒๓');
  });
});

import { describe, expect, it } from 'vitest';
import { fiscalYearOf, fiscalYearRange, toBuddhistYear } from './fiscal-year';

describe('Thai fiscal year', () => {
  it('turns on 1 October at midnight in Bangkok, not in UTC', () => {
    expect(fiscalYearOf(new Date('2023-09-30T16:59:59.999Z'))).toBe(2566); // 30 Sep 23:59:59 Bangkok
    expect(fiscalYearOf(new Date('2023-09-30T17:00:00Z'))).toBe(2567); // 1 Oct 00:00 Bangkok
    expect(fiscalYearOf(new Date('2022-10-01T00:00:00+07:00'))).toBe(2566); // FY2566 = 1 Oct 2022 – 30 Sep 2023
    expect(fiscalYearOf(new Date('2023-01-15T12:00:00+07:00'))).toBe(2566);
  });

  it('converts C.E. to B.E. by adding 543', () => {
    expect(toBuddhistYear(2023)).toBe(2566);
    expect(toBuddhistYear(2026)).toBe(2569);
  });

  it('gives the 6-month round (Oct–Mar) and the 12-month round as half-open ranges in Bangkok time', () => {
    const h1 = fiscalYearRange(2566, 'h1');
    expect(h1.from.toISOString()).toBe('2022-09-30T17:00:00.000Z');
    expect(h1.to.toISOString()).toBe('2023-03-31T17:00:00.000Z'); // up to the end of 31 March
    const full = fiscalYearRange(2566);
    expect(full.to.toISOString()).toBe('2023-09-30T17:00:00.000Z');
  });
});

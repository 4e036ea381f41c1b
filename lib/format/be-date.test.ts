import { describe, expect, it } from 'vitest';
import { formatBeDate, parseBeDate, todayInBangkok, toIsoDate } from './be-date';

describe('parseBeDate: dates typed as วว/ดด/ปปปป in the Buddhist Era', () => {
  it('reads a typed B.E. date as the ISO (C.E.) date the server needs', () => {
    expect(parseBeDate('01/10/2568')).toEqual({ ok: true, iso: '2025-10-01' });
    expect(parseBeDate('1/10/2568')).toEqual({ ok: true, iso: '2025-10-01' });
    expect(parseBeDate(' 30/9/2569 ')).toEqual({ ok: true, iso: '2026-09-30' });
    expect(parseBeDate('31-12-2566')).toEqual({ ok: true, iso: '2023-12-31' });
    expect(parseBeDate('5.1.2567')).toEqual({ ok: true, iso: '2024-01-05' });
  });

  it('reads Thai digits', () => {
    expect(parseBeDate('๐๑/๑๐/๒๕๖๘')).toEqual({ ok: true, iso: '2025-10-01' });
    expect(parseBeDate('๓๑/๑/๒๕๖๓')).toEqual({ ok: true, iso: '2020-01-31' });
    expect(parseBeDate('๑๕/๖/2569')).toEqual({ ok: true, iso: '2026-06-15' }); // mixed, as people type
  });

  it('knows the leap years in B.E. (B.E. − 543 divisible by 4, but not by 100 unless by 400)', () => {
    expect(parseBeDate('29/02/2567')).toEqual({ ok: true, iso: '2024-02-29' }); // 2024 C.E.
    expect(parseBeDate('29/02/2563')).toEqual({ ok: true, iso: '2020-02-29' });
    expect(parseBeDate('29/02/2543')).toEqual({ ok: true, iso: '2000-02-29' }); // 2000: divisible by 400
    expect(parseBeDate('29/02/2568')).toEqual({ ok: false, code: 'invalid_date' }); // 2025
    expect(parseBeDate('29/02/2643')).toEqual({ ok: false, code: 'invalid_date' }); // 2100: not a leap year
    expect(parseBeDate('29/02/2567'.replace('2567', '2571'))).toEqual({ ok: true, iso: '2028-02-29' });
  });

  it('refuses dates that are not in the calendar', () => {
    expect(parseBeDate('31/04/2568')).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseBeDate('00/01/2568')).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseBeDate('12/13/2568')).toEqual({ ok: false, code: 'invalid_date' });
    expect(parseBeDate('32/01/2568')).toEqual({ ok: false, code: 'invalid_date' });
  });

  it('refuses what is not a date, and a C.E. year typed where B.E. is asked', () => {
    expect(parseBeDate('พรุ่งนี้')).toEqual({ ok: false, code: 'invalid_date_format' });
    expect(parseBeDate('1/10/68')).toEqual({ ok: false, code: 'invalid_date_format' });
    expect(parseBeDate('2568/10/01')).toEqual({ ok: false, code: 'invalid_date_format' });
    expect(parseBeDate('01/10/2025')).toEqual({ ok: false, code: 'out_of_range' });
    expect(parseBeDate('01/10/2800')).toEqual({ ok: false, code: 'out_of_range' });
  });

  it('takes an empty field as no date, and an ISO date from an older link', () => {
    expect(parseBeDate('')).toEqual({ ok: true, iso: null });
    expect(parseBeDate(undefined)).toEqual({ ok: true, iso: null });
    expect(parseBeDate('2025-10-01')).toEqual({ ok: true, iso: '2025-10-01' });
    expect(parseBeDate('2025-02-29')).toEqual({ ok: false, code: 'invalid_date' });
  });
});

describe('formatBeDate and toIsoDate', () => {
  it('shows an ISO date as dd/mm/yyyy B.E., optionally in Thai digits', () => {
    expect(formatBeDate('2025-10-01')).toBe('01/10/2568');
    expect(formatBeDate('2024-02-29', true)).toBe('๒๙/๐๒/๒๕๖๗');
    expect(formatBeDate('')).toBe('');
    expect(formatBeDate(null)).toBe('');
  });

  it('round-trips every day of a leap B.E. year', () => {
    for (let day = new Date(Date.UTC(2024, 0, 1)); day.getUTCFullYear() === 2024; day.setUTCDate(day.getUTCDate() + 1)) {
      const iso = day.toISOString().slice(0, 10);
      expect(parseBeDate(formatBeDate(iso))).toEqual({ ok: true, iso });
    }
  });

  it('gives a filter the ISO date, and leaves what it cannot read for the filter to refuse', () => {
    expect(toIsoDate('1/10/2568')).toBe('2025-10-01');
    expect(toIsoDate('2025-10-01')).toBe('2025-10-01');
    expect(toIsoDate('31/02/2568')).toBe('31/02/2568');
  });
});

describe('todayInBangkok', () => {
  it('turns the date at midnight in Bangkok, seven hours before midnight UTC', () => {
    expect(todayInBangkok(new Date('2026-12-06T16:59:59Z'))).toBe('2026-12-06');
    expect(todayInBangkok(new Date('2026-12-06T17:00:00Z'))).toBe('2026-12-07');
  });
});

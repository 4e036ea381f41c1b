import { describe, expect, it } from 'vitest';
import { containingPeriod, fiscalYearOfMonth, offeredPeriods, parsePeriod, periodParam, readPublicResultsQuery } from './public-period';

const DEFAULT = { fiscalYear: 2569 };

describe('public results periods', () => {
  it('reads a fiscal year, its 6-month round and a month, and writes them back the same', () => {
    for (const [text, period] of [
      ['2569', { fiscalYear: 2569 }],
      ['2569-h1', { fiscalYear: 2569, round: 'h1' }],
      ['2025-10', { month: '2025-10' }],
    ] as const) {
      expect(parsePeriod(text)).toEqual(period);
      expect(periodParam(period)).toBe(text);
    }
    for (const bad of ['2569-h2', '2025-13', '1999-12', '2542', '2569-H', 'all', '']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('puts October in the next fiscal year', () => {
    expect(fiscalYearOfMonth('2025-09')).toBe(2568);
    expect(fiscalYearOfMonth('2025-10')).toBe(2569);
  });

  it('answers an old date range with the smallest period that holds it, or none', () => {
    expect(containingPeriod('2025-11-01', '2025-11-16')).toEqual({ month: '2025-11' });
    expect(containingPeriod('2025-10-01', '2026-03-31')).toEqual({ fiscalYear: 2569, round: 'h1' });
    expect(containingPeriod('2025-12-15', '2026-04-01')).toEqual({ fiscalYear: 2569 });
    expect(containingPeriod('2025-09-30', '2025-10-01')).toBeNull(); // two fiscal years
    expect(containingPeriod('2025-11-16', '2025-11-15')).toBeNull();
    expect(containingPeriod('2025-02-30', '2025-03-01')).toBeNull();
  });

  it('redirects older links, refuses what it cannot place, and shows the default otherwise', () => {
    expect(readPublicResultsQuery({}, DEFAULT)).toEqual({ kind: 'show', filter: DEFAULT });
    expect(readPublicResultsQuery({ period: '๒๕๖๙-h1', division: 'finance' }, DEFAULT)).toEqual({
      kind: 'show',
      filter: { fiscalYear: 2569, round: 'h1', division: 'finance' },
    });
    expect(readPublicResultsQuery({ fiscalYear: '2568', round: 'h1' }, DEFAULT)).toEqual({ kind: 'redirect', period: '2568-h1' });
    expect(readPublicResultsQuery({ fiscalYear: '2568', division: 'clerk' }, DEFAULT)).toEqual({
      kind: 'redirect',
      period: '2568',
      division: 'clerk',
    });
    expect(readPublicResultsQuery({ from: '2025-11-01', to: '2025-11-15' }, DEFAULT)).toEqual({ kind: 'redirect', period: '2025-11' });
    expect(readPublicResultsQuery({ from: '2025-11-01' }, DEFAULT)).toEqual({ kind: 'refused', reason: 'fixed_periods_only' });
    expect(readPublicResultsQuery({ from: '2024-01-01', to: '2025-11-15' }, DEFAULT)).toEqual({
      kind: 'refused',
      reason: 'fixed_periods_only',
    });
    expect(readPublicResultsQuery({ from: ['2025-11-01', '2025-11-02'], to: '2025-11-15' }, DEFAULT)).toEqual({
      kind: 'refused',
      reason: 'fixed_periods_only',
    });
    expect(readPublicResultsQuery({ period: '2569-h2' }, DEFAULT)).toEqual({ kind: 'refused', reason: 'invalid_period' });
    expect(readPublicResultsQuery({ fiscalYear: '25x9' }, DEFAULT)).toEqual({ kind: 'refused', reason: 'invalid_period' });
    expect(readPublicResultsQuery({ period: '2569', division: '<script>' }, DEFAULT)).toEqual({
      kind: 'refused',
      reason: 'invalid_division',
    });
  });

  it('offers each year, its round and its months up to this month', () => {
    const [current, last] = offeredPeriods([2569, 2568], new Date('2025-12-05T00:00:00+07:00'));
    expect(current!.periods.map(periodParam)).toEqual(['2569', '2569-h1', '2025-10', '2025-11', '2025-12']);
    expect(last!.periods.map(periodParam)).toHaveLength(14);
  });
});

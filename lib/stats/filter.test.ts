import { describe, expect, it } from 'vitest';
import { parseStatsFilter, statsFilterToSearchParams } from './filter';

describe('parseStatsFilter', () => {
  it('reads every key from URL search params into the jsonb filter', () => {
    const params = new URLSearchParams(
      'fiscalYear=2568&round=h1&from=2024-11-01&to=2025-02-28&division=finance&servicePoint=land-building-tax&channel=paper',
    );
    expect(parseStatsFilter(params)).toEqual({
      success: true,
      filter: {
        fiscalYear: 2568,
        round: 'h1',
        from: '2024-11-01',
        to: '2025-02-28',
        division: 'finance',
        servicePoint: 'land-building-tax',
        channel: 'paper',
      },
    });
  });

  it('gives an empty filter (all time) for no parameters, empty ones, or parameters it does not know', () => {
    expect(parseStatsFilter(new URLSearchParams(''))).toEqual({ success: true, filter: {} });
    expect(parseStatsFilter({ fiscalYear: '', division: '  ', page: '3', locale: 'th' })).toEqual({ success: true, filter: {} });
    expect(parseStatsFilter({ fiscalYear: undefined })).toEqual({ success: true, filter: {} });
  });

  it('accepts Next.js searchParams records and Thai digits', () => {
    expect(parseStatsFilter({ fiscalYear: '๒๕๖๘', from: '๒๐๒๔-๑๐-๐๑' })).toEqual({
      success: true,
      filter: { fiscalYear: 2568, from: '2024-10-01' },
    });
  });

  it('names each wrong parameter with invalid_value', () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ fiscalYear: 'abc' }, 'fiscalYear'],
      [{ fiscalYear: '2568.5' }, 'fiscalYear'],
      [{ fiscalYear: '2025' }, 'fiscalYear'], // a C.E. year is not guessed into B.E.
      [{ fiscalYear: '2800' }, 'fiscalYear'],
      [{ fiscalYear: '2568', round: 'h2' }, 'round'],
      [{ round: 'h1' }, 'round'], // a round needs its fiscal year
      [{ from: '2024-02-30' }, 'from'],
      [{ from: '2024/01/01' }, 'from'],
      [{ to: '1999-12-31' }, 'to'],
      [{ from: '2024-03-02', to: '2024-03-01' }, 'to'],
      [{ division: 'Finance!' }, 'division'],
      [{ servicePoint: '-x' }, 'servicePoint'],
      [{ channel: 'fax' }, 'channel'],
      [{ channel: ['qr', 'paper'] }, 'channel'], // repeated: refused, not guessed
    ];
    for (const [input, key] of cases) {
      expect(parseStatsFilter(input), JSON.stringify(input)).toEqual({ success: false, errors: { [key]: 'invalid_value' } });
    }
  });

  it('accepts a leap day and a single-day range', () => {
    expect(parseStatsFilter({ from: '2024-02-29', to: '2024-02-29' })).toEqual({
      success: true,
      filter: { from: '2024-02-29', to: '2024-02-29' },
    });
  });

  it('reads dates typed in B.E. (วว/ดด/ปปปป, Thai digits too) as the staff date input sends them', () => {
    expect(parseStatsFilter({ from: '1/10/2567', to: '๓๐/๐๙/๒๕๖๘' })).toEqual({
      success: true,
      filter: { from: '2024-10-01', to: '2025-09-30' },
    });
    expect(parseStatsFilter({ from: '29/02/2568' })).toEqual({ success: false, errors: { from: 'invalid_value' } });
  });

  it('round-trips through statsFilterToSearchParams', () => {
    const filter = { fiscalYear: 2567, round: 'full' as const, servicePoint: 'waste-fees', channel: 'qr' as const };
    const params = statsFilterToSearchParams(filter);
    expect(params.toString()).toBe('fiscalYear=2567&round=full&servicePoint=waste-fees&channel=qr');
    expect(parseStatsFilter(params)).toEqual({ success: true, filter });
  });
});

import { describe, expect, it } from 'vitest';
import type { ReportData } from './load-report';
import { reportOutline } from './outline';

type Stats = ReportData['stats'];
const cell = (mean: number | null) => ({
  n: mean === null ? 0 : 10,
  mean,
  sd: null,
  percent: null,
  level: mean === null ? null : ('high' as const),
  suppressed: false,
});

function data(options: { items: [string, number | null][]; points: number; suggestions: number; overall?: boolean }) {
  const stats = {
    overall: cell(options.overall === false ? null : 4),
    items: options.items.map(([dimension, mean], i) => ({
      ...cell(mean),
      code: `i${i}`,
      dimension,
      text: `item ${i}`,
      rank: 1,
      surveyOrder: i,
    })),
    byServicePoint: Array.from({ length: options.points }, (_, i) => ({ ...cell(4), slug: `p${i}`, name: `p${i}`, division: 'd' })),
  } as unknown as Stats;
  return { stats, suggestions: { total: options.suggestions, replies: { dueDays: 15, due: 0, answeredInTime: 0 }, byCategory: [] } };
}

describe('the report’s numbered tables', () => {
  it('numbers every table from ตารางที่ 1 in print order', () => {
    const outline = reportOutline(
      data({
        items: [
          ['process', 4],
          ['staff', 4.2],
          ['facilities', 3.9],
          ['outcome', 4.1],
        ],
        points: 7,
        suggestions: 12,
      }),
    );
    expect(outline.tables.map((t) => `${t.number} ${t.key}`)).toEqual([
      '1 bands',
      '2 respondents-gender',
      '3 respondents-age_band',
      '4 respondents-education',
      '5 respondents-occupation',
      '6 dimensions',
      '7 items-process',
      '8 items-staff',
      '9 items-facilities',
      '10 items-outcome',
      '11 points',
      '12 suggestions',
    ]);
    expect(outline.number('items-facilities')).toBe(9);
  });

  it('skips no number for a table that is not printed (a dimension nobody rated, no suggestions)', () => {
    const outline = reportOutline(
      data({
        items: [
          ['process', 4],
          ['facilities', null],
          ['outcome', 4.1],
        ],
        points: 0,
        suggestions: 0,
      }),
    );
    expect(outline.tables.map((t) => `${t.number} ${t.key}`)).toEqual([
      '1 bands',
      '2 respondents-gender',
      '3 respondents-age_band',
      '4 respondents-education',
      '5 respondents-occupation',
      '6 dimensions',
      '7 items-process',
      '8 items-outcome',
    ]);
    expect(() => outline.number('suggestions')).toThrow();
  });
});

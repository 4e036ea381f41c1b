import { describe, expect, it } from 'vitest';
import { formatStat, roundStat } from './round';

describe('roundStat', () => {
  it('rounds half away from zero, as SQL rounds the mean before it picks the level', () => {
    expect((4.505).toFixed(2)).toBe('4.50'); // the trap: the nearest double is 4.50499999…
    expect(roundStat(4.505)).toBe(4.51);
    expect(roundStat(4.504)).toBe(4.5);
    expect(roundStat(4.5049999)).toBe(4.5);
    expect(roundStat(1.005)).toBe(1.01);
    expect(roundStat(84.665, 2)).toBe(84.67);
    expect(roundStat(93.33333333333333, 1)).toBe(93.3);
    expect(roundStat(4.2)).toBe(4.2);
    expect(roundStat(-2.345)).toBe(-2.35);
    expect(roundStat(0)).toBe(0);
  });

  it('formats with exactly the requested decimals, and nothing for a missing figure', () => {
    expect(formatStat(4.505)).toBe('4.51');
    expect(formatStat(4.2)).toBe('4.20');
    expect(formatStat(0.8366600265340756)).toBe('0.84');
    expect(formatStat(91.6, 1)).toBe('91.6');
    expect(formatStat(null)).toBe('');
  });
});

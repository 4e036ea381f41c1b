import { formatDecimal, formatNumber, type DisplaySettings } from '@/lib/format/thai-format';
import { roundStat } from './round';

/**
 * Figures for people: rounded exactly as SQL rounds before it picks the level (roundStat), then written with the
 * municipality's digits. Statistics use two decimals, as Thai reports do (X̄ 4.58, S.D. 0.52, ร้อยละ 91.60).
 */
export function statText(value: number | null, locale: string, settings: DisplaySettings, digits = 2): string {
  return value === null ? '–' : formatDecimal(roundStat(value, digits), digits, locale, settings);
}

export function countText(value: number | null, locale: string, settings: DisplaySettings): string {
  return value === null ? '–' : formatNumber(value, locale, settings);
}

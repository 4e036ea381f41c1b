import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { formatMonth, formatNumber, type DisplaySettings } from '@/lib/format/thai-format';
import type { PublicPeriod } from '@/lib/stats/types';

/**
 * A public period in words: "ปีงบประมาณ ๒๕๖๙ (ต.ค. ๖๘ – ก.ย. ๖๙)", "รอบ 6 เดือน ปีงบประมาณ 2569 (ต.ค. 68 – มี.ค. 69)",
 * "ต.ค. 68"; in English "Fiscal year 2569 (Oct 2025 – Sep 2026)". The fiscal year keeps its B.E. name in every
 * language (it is its official name); months are B.E. in Thai and Gregorian elsewhere.
 */
export async function periodLabeller(locale: Locale, settings: DisplaySettings) {
  const t = await getTranslations({ locale, namespace: 'public.results' });
  const month = (m: string) => formatMonth(`${m}-15T00:00:00+07:00`, locale, settings);
  return (period: PublicPeriod): string => {
    if ('month' in period) return month(period.month);
    const start = period.fiscalYear - 544;
    const year = formatNumber(period.fiscalYear, locale, settings, { useGrouping: false });
    const from = month(`${start}-10`);
    const to = month(period.round === 'h1' ? `${start + 1}-03` : `${start + 1}-09`);
    return t(period.round === 'h1' ? 'periodRound' : 'periodYear', { year, from, to });
  };
}

import type { SatisfactionStats } from '@/lib/stats/types';

/**
 * An export's file name says what it holds, so that files saved side by side stay apart: the fiscal year (B.E.) and
 * the round, else the dates; and the division, counter or channel when the selection names one.
 *   siang-responses-fy2569-h1, siang-tables-2026-10-01_2026-12-05-waste-fees
 */
export function exportFileName(kind: string, filter: SatisfactionStats['filter']): string {
  const period = filter.fiscalYear
    ? [`fy${filter.fiscalYear}`, filter.round === 'h1' ? 'h1' : null]
    : [filter.from || filter.to ? `${filter.from ?? 'start'}_${filter.to ?? 'now'}` : 'all'];
  return ['siang', kind, ...period, filter.division, filter.servicePoint, filter.channel]
    .filter((part): part is string => Boolean(part))
    .join('-');
}

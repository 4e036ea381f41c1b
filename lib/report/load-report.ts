import type { Locale } from '@/i18n/routing';
import type { Caller } from '@/lib/db';
import { getDb } from '@/lib/db';
import type { DisplaySettingsRow } from '@/lib/stats/dashboard-data';
import { loadSatisfactionStats } from '@/lib/stats/load-stats';
import type { SatisfactionStats } from '@/lib/stats/types';

export interface ReportSuggestions {
  total: number;
  byCategory: { category: string; count: number; byStatus: Record<string, number>; examples: string[] }[];
}

export interface ReportData {
  fiscalYear: number;
  round: 'h1' | 'full';
  stats: SatisfactionStats;
  suggestions: ReportSuggestions;
  display: DisplaySettingsRow;
}

/** The official report's data: the same satisfaction_stats as the dashboard, plus suggestions by category. */
export async function loadReport(caller: Caller, fiscalYear: number, round: 'h1' | 'full', locale: Locale): Promise<ReportData> {
  const db = await getDb();
  const stats = await loadSatisfactionStats(db, caller, { fiscalYear, round }, locale);
  // A fiscal-year filter always has both ends (from/to are null only for an open filter, which a report never has).
  const [suggestions, display] = await Promise.all([
    db.rpc('report_suggestions', { p_from: stats.filter.from!, p_to: stats.filter.to!, p_examples: 3 }, caller),
    db.rpc('display_settings', {}, caller),
  ]);
  return { fiscalYear, round, stats, suggestions, display };
}

import { getDb, type Caller } from '@/lib/db';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { parseStatsFilter } from './filter';
import { loadSatisfactionStats } from './load-stats';
import { themes, type Theme } from './themes';
import type { SatisfactionStats, StatsFilter } from './types';
import type { Locale } from '@/i18n/routing';

export interface DisplaySettingsRow {
  name: { th: string; en?: string; my?: string };
  thaiDigits: boolean;
  levelBands: '0.5' | '0.8';
  eitUrl: string | null;
  referencePrefix: string;
  contact: { office?: { th?: string; en?: string }; phone?: string; email?: string };
}

export interface DashboardData {
  filter: StatsFilter;
  invalid: string[];
  stats: SatisfactionStats;
  themes: Theme[];
  suggestionsRead: number;
  display: DisplaySettingsRow;
}

const THEME_SAMPLE = 500;

/**
 * Everything the dashboard shows, from the URL's filter. A first visit (no parameters at all) or a bad filter shows
 * the current fiscal year; a submitted form with every field empty means all time.
 */
export async function loadDashboard(
  caller: Caller,
  search: Record<string, string | string[] | undefined>,
  locale: Locale,
): Promise<DashboardData> {
  const parsed = parseStatsFilter(search);
  const firstVisit = Object.keys(search).length === 0;
  const filter: StatsFilter = parsed.success && !firstVisit ? parsed.filter : { fiscalYear: fiscalYearOf(new Date()) };
  const invalid = parsed.success ? [] : Object.keys(parsed.errors);
  const db = await getDb();
  const stats = await loadSatisfactionStats(db, caller, filter, locale);
  const texts = await db.rpc(
    'suggestion_texts',
    {
      p_filter: {
        ...(stats.filter.from ? { from: stats.filter.from } : {}),
        ...(stats.filter.to ? { to: stats.filter.to } : {}),
        ...(filter.division ? { division: filter.division } : {}),
        ...(filter.servicePoint ? { servicePoint: filter.servicePoint } : {}),
      },
      p_limit: THEME_SAMPLE,
    },
    caller,
  );
  const display = await db.rpc('display_settings', {}, caller);
  return { filter, invalid, stats, themes: themes(texts.map((t) => t.body)), suggestionsRead: texts.length, display };
}

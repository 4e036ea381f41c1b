import type { Caller, Db } from '@/lib/db';
import { anon } from '@/lib/db/types';
import type { Locale } from '@/i18n/routing';
import type { PublicResults, PublicResultsFilter, SatisfactionStats, StatsFilter } from './types';

/**
 * The only way the app reads satisfaction figures: both functions call SQL, which computes every number once
 * (app.stat_figures). A refused filter arrives as a DbError 22023 invalid_value (detail 'filter'); a caller who is
 * neither staff nor the server gets 42501.
 */

/** Staff (their own access) or the server (serviceRole): the full figures, nothing suppressed. */
export function loadSatisfactionStats(db: Db, caller: Caller, filter: StatsFilter, locale: Locale = 'th'): Promise<SatisfactionStats> {
  return db.rpc('satisfaction_stats', { p_filter: filter, p_locale: locale }, caller);
}

/**
 * Anyone (always called as anon): one fixed period's aggregates, cells of fewer than 5 responses hidden, and the
 * cells that subtraction would give them back (docs/public-results.md). A date range is refused (fixed_periods_only).
 */
export function loadPublicResults(db: Db, filter: PublicResultsFilter, locale: Locale = 'th'): Promise<PublicResults> {
  return db.rpc('public_results', { p_filter: filter, p_locale: locale }, anon);
}

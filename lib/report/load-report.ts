import type { Locale } from '@/i18n/routing';
import type { ActionSummary } from '@/lib/improvements/types';
import { logoUrl } from '@/lib/admin/logo';
import type { Caller } from '@/lib/db';
import { getDb } from '@/lib/db';
import type { DisplaySettingsRow } from '@/lib/stats/dashboard-data';
import { loadSatisfactionStats } from '@/lib/stats/load-stats';
import type { SatisfactionStats } from '@/lib/stats/types';

export interface ReportSuggestions {
  total: number;
  /** The LPA's reply rule: suggestions whose time to reply ran out (or that were answered), and those answered in time. */
  replies: { dueDays: number; due: number; answeredInTime: number };
  byCategory: { category: string; count: number; byStatus: Record<string, number>; examples: string[] }[];
}

type Texts = { th?: string; en?: string };

/** Who signs the report, as the admin set it (organisation.report_signatories); any part may be missing. */
export interface ReportSignatories {
  preparer?: { name?: Texts; position?: Texts };
  approver?: { name?: Texts; position?: Texts };
}

export interface ReportData {
  fiscalYear: number;
  round: 'h1' | 'full';
  stats: SatisfactionStats;
  suggestions: ReportSuggestions;
  display: DisplaySettingsRow;
  signatories: ReportSignatories;
  /** The municipality's logo for the cover, where the admin page has one (lib/admin/logo.ts); else the name alone. */
  logoUrl: string | null;
  /** Improvement actions completed within the period, and those under way. */
  actions: { done: ActionSummary[]; inProgress: ActionSummary[] };
}

/** The official report's data: the same satisfaction_stats as the dashboard, plus suggestions by category. */
export async function loadReport(caller: Caller, fiscalYear: number, round: 'h1' | 'full', locale: Locale): Promise<ReportData> {
  const db = await getDb();
  const stats = await loadSatisfactionStats(db, caller, { fiscalYear, round }, locale);
  // A fiscal-year filter always has both ends (from/to are null only for an open filter, which a report never has).
  const from = stats.filter.from!;
  const to = stats.filter.to!;
  const [suggestions, display, signatories, actions, logo] = await Promise.all([
    db.rpc('report_suggestions', { p_from: from, p_to: to, p_examples: 3 }, caller),
    db.rpc('display_settings', {}, caller),
    db.rpc('report_signatories', {}, caller),
    db.rpc('action_list', { p_filter: {}, p_locale: locale }, caller),
    logoUrl(),
  ]);
  return {
    fiscalYear,
    round,
    stats,
    suggestions,
    display,
    signatories: signatories ?? {},
    logoUrl: logo,
    actions: {
      done: actions.filter((a) => a.status === 'done' && a.completedDate && a.completedDate >= from && a.completedDate <= to),
      inProgress: actions.filter((a) => a.status === 'in_progress'),
    },
  };
}

import type { Caller, Db } from '@/lib/db';

/** One exported response (export_responses). Contact details are never part of it. */
export interface ExportRow {
  id: string;
  reference: string;
  createdAt: string;
  fiscalYear: number;
  servicePoint: string;
  division: string;
  channel: string;
  locale: string;
  overallRating: number;
  gender: string | null;
  ageBand: string | null;
  education: string | null;
  occupation: string | null;
  /** The kiosk follow-up answer (lib/kiosk/sync-schema KIOSK_REASONS), or null. */
  mainReason: string | null;
  flag: string | null;
  isDemo: boolean;
  answers: Record<string, number> | null;
  suggestionCategory: string | null;
  suggestionStatus: string | null;
  suggestionText: string | null;
}

export interface ExportFilter {
  from?: string | null;
  to?: string | null;
  division?: string;
  servicePoint?: string;
  channel?: string;
  includeFlagged?: boolean;
}

const PAGE = 2000;

/** The responses of a selection, a page at a time: memory holds one page, whatever the total. */
export async function* responseRows(db: Db, caller: Caller, filter: ExportFilter): AsyncGenerator<ExportRow[]> {
  const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null));
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const rows: ExportRow[] = await db.rpc('export_responses', { p_filter: clean, p_after: after, p_limit: PAGE }, caller);
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { at: last.createdAt, id: last.id };
    if (rows.length < PAGE) return;
  }
}

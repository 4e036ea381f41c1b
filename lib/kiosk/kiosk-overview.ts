import { getDb, isPermissionDenied } from '@/lib/db';
import type { StaffSession } from '@/lib/auth/staff-profile';
import type { LocalizedText } from '@/lib/format/localized-text';

/** What kiosk_overview returns: every counter with its paired (not revoked) tablets and their last sync. */
export interface KioskOverviewRow {
  slug: string;
  name: LocalizedText;
  active: boolean;
  division: LocalizedText;
  tablets: number;
  lastSyncAt: string | null;
}

/** Null when the caller may not manage kiosks (only the admin and the PR officer may). */
export async function loadKioskOverview(session: StaffSession): Promise<KioskOverviewRow[] | null> {
  try {
    return await (await getDb()).rpc('kiosk_overview', {}, session.caller);
  } catch (error) {
    if (isPermissionDenied(error)) return null;
    throw error;
  }
}

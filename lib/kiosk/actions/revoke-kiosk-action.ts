'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';

/** Revoke a tablet (admin or PR officer; audited): from now on its syncs are refused and its queue is kept aside. */
export async function revokeKioskAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const id = v.id ?? '';
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AdminInputError('id', 'not_found');
    await (await getDb()).rpc('kiosk_revoke', { p_id: id }, session.caller);
    return `/staff/admin/service-points/${encodeURIComponent(v.point ?? '')}?revoked=1`;
  });
}

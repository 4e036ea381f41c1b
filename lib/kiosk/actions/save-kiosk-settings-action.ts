'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';

/** The repeated-press interval and burst limit of every tablet, and how long a device code pairs (admin only; validated again in SQL; audited). */
export async function saveKioskSettingsAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session, v) => {
      const changes: Record<string, number> = {};
      for (const name of ['repeatSeconds', 'burstWindowSeconds', 'burstMax', 'codeTtlMinutes'] as const) {
        const raw = (v[name] ?? '').trim();
        if (!/^\d{1,5}$/.test(raw)) throw new AdminInputError(name, 'invalid_number');
        changes[name] = Number(raw);
      }
      await (await getDb()).rpc('admin_update_kiosk_settings', { p_changes: changes }, session.caller);
      return `/staff/admin/service-points/${encodeURIComponent(v.point ?? '')}`;
    },
    'staff.alerts.errors',
  );
}

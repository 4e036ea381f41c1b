'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { localizedFrom } from '@/lib/admin/form-fields';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { ITA_PAGES } from '../types';

const whole = (value: string | undefined, low: number, high: number) => {
  const n = Number((value ?? '').trim());
  return value?.trim() && Number.isInteger(n) && n >= low && n <= high ? n : null;
};

/** Add or change an item of a fiscal year's ITA map (admin only; the database checks again and audits). */
export async function saveItaItemAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session, v) => {
      const fiscalYear = whole(v.fiscalYear, 2543, 2743);
      if (fiscalYear === null) throw new AdminInputError('fiscalYear', 'invalid_value');
      const position = v.position?.trim() ? whole(v.position, 0, 999) : 0;
      if (position === null) throw new AdminInputError('position', 'invalid_value');
      if (!(ITA_PAGES as readonly string[]).includes(v.page ?? '')) throw new AdminInputError('page', 'invalid_choice');
      const id = v.id ? whole(v.id, 1, Number.MAX_SAFE_INTEGER) : null;
      await (
        await getDb()
      ).rpc(
        'admin_save_ita_item',
        { p_id: id, p_item: { fiscalYear, code: (v.code ?? '').trim(), title: localizedFrom(v, 'title'), page: v.page, position } },
        session.caller,
      );
      return `/staff/ita/${fiscalYear}`;
    },
    'staff.ita.errors',
  );
}

/** Remove an item from a fiscal year's map (admin only; audited). */
export async function deleteItaItemAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const id = whole(v.id, 1, Number.MAX_SAFE_INTEGER);
    if (id === null) throw new AdminInputError('id', 'not_found');
    await (await getDb()).rpc('admin_delete_ita_item', { p_id: id }, session.caller);
    return `/staff/ita/${whole(v.fiscalYear, 2543, 2743) ?? ''}`;
  });
}

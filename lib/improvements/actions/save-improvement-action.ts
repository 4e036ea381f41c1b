'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { localizedFrom } from '@/lib/admin/form-fields';
import { getDb } from '@/lib/db';
import { parseBeDate } from '@/lib/format/be-date';
import { AdminInputError, runStaffAction } from '@/lib/staff/run-staff-action';

/** Create or change an improvement action and its links (the database checks who may, and the version). */
export async function saveActionAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runStaffAction(formData, 'actions', async (session, v, data) => {
    const id = v.id ? Number(v.id) : null;
    // Typed in B.E. (วว/ดด/ปปปป); SQL gets ISO dates.
    const dates: Record<'plannedDate' | 'completedDate', string> = { plannedDate: '', completedDate: '' };
    for (const field of ['plannedDate', 'completedDate'] as const) {
      const parsed = parseBeDate(v[field]);
      if (!parsed.ok) throw new AdminInputError(field, parsed.code);
      dates[field] = parsed.iso ?? '';
    }
    const progress = v.progress?.trim() ? Number(v.progress) : undefined;
    if (progress !== undefined && (!Number.isInteger(progress) || progress < 0 || progress > 100))
      throw new AdminInputError('progress', 'invalid_value');
    const ids = (name: string) =>
      data
        .getAll(name)
        .map(String)
        .filter((x) => /^\d{1,18}$/.test(x))
        .map(Number);
    const saved = await (
      await getDb()
    ).rpc(
      'action_save',
      {
        p_id: id,
        p_version: v.version ? Number(v.version) : null,
        p_action: {
          title: localizedFrom(v, 'title'),
          description: localizedFrom(v, 'description'),
          saidSummary: localizedFrom(v, 'said'),
          division: v.division,
          servicePoints: data.getAll('servicePoints').map(String),
          items: data.getAll('items').map(String),
          ...(ids('suggestions').length ? { suggestions: ids('suggestions') } : {}),
          ...(v.theme ? { theme: v.theme } : {}),
          ...(v.status ? { status: v.status } : {}),
          ...(progress !== undefined ? { progress } : {}),
          plannedDate: dates.plannedDate,
          completedDate: dates.completedDate,
          ...(v.droppedReason ? { droppedReason: v.droppedReason } : {}),
        },
      },
      session.caller,
    );
    return `/staff/actions/${saved.id}`;
  });
}

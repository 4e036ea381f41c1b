'use server';

import type { SettingsState } from '@/components/admin/settings-form';
import { getDb } from '@/lib/db';
import { runAdminAction } from '@/lib/staff/run-staff-action';
import { localizedFrom } from '../form-fields';

/** The organisation profile and settings (admin only; audited by the database). */
export async function saveOrganisationAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const number = (name: string) => (v[name]?.trim() ? Number(v[name]) : undefined);
    await (await getDb()).rpc(
      'admin_update_organisation',
      {
        p_changes: {
          name: localizedFrom(v, 'name'),
          referencePrefix: v.referencePrefix?.trim() ?? '',
          // Every key the profile's contact holds is on the form, so saving it never drops one (the database
          // replaces the whole object).
          contact: {
            office: localizedFrom(v, 'office'),
            address: localizedFrom(v, 'address'),
            phone: v.phone?.trim() ?? '',
            email: v.email?.trim() ?? '',
            website: v.website?.trim() ?? '',
          },
          pdpaNotice: localizedFrom(v, 'pdpa'),
          contactRetentionDays: number('contactRetentionDays'),
          levelBands: v.levelBands,
          thaiDigits: v.thaiDigits === 'on',
          eitUrl: v.eitUrl ?? '',
          burstWindowSeconds: number('burstWindowSeconds'),
          burstMaxPerSource: number('burstMaxPerSource'),
          burstMaxPerDevice: number('burstMaxPerDevice'),
        },
      },
      session.caller,
    );
    return '/staff/admin';
  });
}

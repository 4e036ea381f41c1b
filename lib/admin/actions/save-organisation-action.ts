'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { localizedFrom, SIGNATORY_FIELDS, SIGNATORY_MAX } from '../form-fields';

/** { preparer: { name: { th, en }, position: … }, approver: … } from the form; the database drops blank texts. */
function signatoriesFrom(v: Record<string, string>) {
  for (const field of SIGNATORY_FIELDS) {
    if ((v[field]?.trim().length ?? 0) > SIGNATORY_MAX) throw new AdminInputError(field, 'text_too_long');
  }
  const texts = (prefix: string) => ({ th: v[`${prefix}Th`]?.trim() ?? '', en: v[`${prefix}En`]?.trim() ?? '' });
  return Object.fromEntries(
    (['preparer', 'approver'] as const).map((role) => [role, { name: texts(`${role}Name`), position: texts(`${role}Position`) }]),
  );
}

/** The organisation profile and settings (admin only; audited by the database). */
export async function saveOrganisationAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const number = (name: string) => (v[name]?.trim() ? Number(v[name]) : undefined);
    await (
      await getDb()
    ).rpc(
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
          replyDueDays: number('replyDueDays'),
          levelBands: v.levelBands,
          thaiDigits: v.thaiDigits === 'on',
          eitUrl: v.eitUrl ?? '',
          burstWindowSeconds: number('burstWindowSeconds'),
          burstMaxPerSource: number('burstMaxPerSource'),
          burstMaxPerDevice: number('burstMaxPerDevice'),
          // Every signatory field is on the form too: the database replaces the whole signature block.
          reportSignatories: signatoriesFrom(v),
        },
      },
      session.caller,
    );
    return '/staff/admin';
  });
}

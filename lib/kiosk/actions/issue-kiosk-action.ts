'use server';

import { getTranslations } from 'next-intl/server';
import type { SettingsState } from '@/components/admin/settings-form';
import { getDb } from '@/lib/db';
import { runAdminAction } from '@/lib/staff/run-staff-action';
import { deviceCodeHint, generateDeviceCode, hashDeviceCode } from '../device-code';

/**
 * Pair a new tablet (admin or PR officer; audited): the code is generated here, only its hash goes to the database,
 * and the code itself is shown once on the same form (never in a URL, never logged).
 */
export async function issueKioskAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const code = generateDeviceCode();
    const label = (v.label ?? '').trim();
    await (await getDb()).rpc(
      'kiosk_issue',
      { p_service_point: v.point ?? '', p_label: label, p_code_hash: hashDeviceCode(code), p_code_hint: deviceCodeHint(code) },
      session.caller,
    );
    const t = await getTranslations({ locale: v.locale === 'en' ? 'en' : 'th', namespace: 'staff.kiosk' });
    return { success: t('codeOnce', { label, code }), values: {} };
  });
}

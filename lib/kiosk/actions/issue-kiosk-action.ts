'use server';

import { getTranslations } from 'next-intl/server';
import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { runAdminAction } from '@/lib/staff/run-staff-action';
import { formatDateTime } from '@/lib/format/thai-format';
import { deviceCodeHint, generateDeviceCode, hashDeviceCode } from '../device-code';

/**
 * Issue a device code for a new tablet (admin or PR officer; audited): the code is generated here, only its hash goes
 * to the database, and the code itself is shown once on the same form (never in a URL, never logged), with the time
 * until which it pairs one tablet.
 */
export async function issueKioskAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const code = generateDeviceCode();
    const label = (v.label ?? '').trim();
    const { expiresAt } = await (
      await getDb()
    ).rpc(
      'kiosk_issue',
      { p_service_point: v.point ?? '', p_label: label, p_code_hash: hashDeviceCode(code), p_code_hint: deviceCodeHint(code) },
      session.caller,
    );
    const locale = v.locale === 'en' ? 'en' : 'th';
    const t = await getTranslations({ locale, namespace: 'staff.kiosk' });
    return { success: t('codeOnce', { label, code, expires: formatDateTime(expiresAt, locale) }), values: {} };
  });
}

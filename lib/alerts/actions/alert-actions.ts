'use server';

import { getTranslations } from 'next-intl/server';
import { isMessageKey, messageKey } from '@/i18n/message-keys';
import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { parseAlertSettings } from '../settings-form';

/** Alert settings and retrying a failed delivery (admin only; validated here and in SQL; audited). */

export async function saveAlertSettingsAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session, values) => {
      const parsed = parseAlertSettings(values);
      if (!parsed.ok) {
        const locale = values.locale === 'en' ? 'en' : 'th';
        const own = await getTranslations({ locale, namespace: 'staff.alerts.errors' });
        const admin = await getTranslations({ locale, namespace: 'staff.admin.errors' });
        const say = (code: string) =>
          isMessageKey('staff.alerts.errors', code) ? own(code) : admin(messageKey('staff.admin.errors', code, 'generic'));
        return {
          error: admin('invalid'),
          fieldErrors: Object.fromEntries(Object.entries(parsed.fieldErrors).map(([f, c]) => [f, say(c)])),
          values,
        };
      }
      await (await getDb()).rpc('admin_update_alert_settings', { p_changes: parsed.changes }, session.caller);
      return '/staff/admin/alerts';
    },
    'staff.alerts.errors',
  );
}

export async function retryNotificationAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, values) => {
    if (!/^\d{1,18}$/.test(values.id ?? '')) throw new AdminInputError('id', 'not_found');
    await (await getDb()).rpc('admin_retry_notification', { p_id: Number(values.id) }, session.caller);
    return '/staff/admin/alerts?retried=1';
  });
}

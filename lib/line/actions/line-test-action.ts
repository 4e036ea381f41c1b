'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { runAdminAction } from '@/lib/staff/run-staff-action';
import { getTranslations } from 'next-intl/server';
import { lineConfigFrom } from '../line-config';
import { messagingClient, pushText } from '../messaging';

/** Admin: push one test message to the staff chats named in LINE_STAFF_TO, at once (not through the outbox). */
export async function sendLineTestAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, values) => {
    const locale = values.locale === 'en' ? 'en' : 'th';
    const t = await getTranslations({ locale, namespace: 'staff.alerts' });
    // No database call decides this one, so the role is checked here: only an admin may push to the staff chat.
    if (session.profile.role !== 'admin')
      return { error: (await getTranslations({ locale, namespace: 'staff.admin.errors' }))('forbidden') };
    const config = lineConfigFrom(env());
    if (!config) return { error: t('lineOff') };
    if (config.staffTo.length === 0) return { error: t('lineNoStaff') };
    const text = t('lineTestMessage');
    try {
      await pushText(messagingClient(config), config.staffTo, text, `test:${Date.now()}`);
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'LINE test message not sent');
      return { error: t('lineTestFailed', { error: (error as Error).message }) };
    }
    return { success: t('lineTested') };
  });
}

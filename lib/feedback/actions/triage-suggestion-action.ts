'use server';

import { hasLocale } from 'next-intl';
import { redirect } from '@/i18n/navigation';
import { getTranslations } from 'next-intl/server';
import { messageKey } from '@/i18n/message-keys';
import { routing, type Locale } from '@/i18n/routing';
import { currentStaff } from '@/lib/auth/current-staff';
import { getDb, isConflict, isDbError, isDbUnavailable, isNotFound, isPermissionDenied, isRefusal } from '@/lib/db';
import { requestLog } from '@/lib/log';
import { formDataToTriage, toTriageChanges, triageSchema } from '../triage-schema';

export interface TriageState {
  error?: string;
  stale?: boolean;
  values?: Record<string, unknown>;
}

/** The message key for a refused save: SQL's own code for a refused value, otherwise what kind of refusal it was. */
function refusalCode(error: unknown): string {
  if (isPermissionDenied(error)) return 'forbidden';
  if (isNotFound(error)) return 'not_found';
  if (isConflict(error)) return 'stale_version';
  if (isRefusal(error)) return error.message;
  return 'generic';
}

/**
 * One triage save, as the signed-in staff member: the database decides what they may change (RLS and
 * triage_suggestion) and refuses a save based on an old version. Refused saves change nothing and audit nothing.
 */
export async function triageSuggestionAction(_previous: TriageState, formData: FormData): Promise<TriageState> {
  const requested = formData.get('locale');
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'staff.triage' });
  const values = formDataToTriage(formData);
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login?expired=1', locale });

  const parsed = triageSchema.safeParse(values);
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message ?? 'invalid_value';
    return { error: t(messageKey('staff.triage', code, 'invalid_value')), values };
  }
  try {
    const db = await getDb();
    await db.rpc(
      'triage_suggestion',
      { p_id: parsed.data.id, p_version: parsed.data.version, p_changes: toTriageChanges(parsed.data) },
      session.caller,
    );
  } catch (error) {
    if (isDbUnavailable(error)) return { error: t('unavailable'), values };
    if (!isDbError(error)) {
      (await requestLog()).error({ err: (error as Error).message }, 'triage failed');
      return { error: t('generic'), values };
    }
    const code = refusalCode(error);
    (await requestLog()).info({ code, suggestion: parsed.data.id, user: session.profile.userId }, 'triage refused');
    return { error: t(messageKey('staff.triage', code, 'generic')), stale: code === 'stale_version', values };
  }
  redirect({ href: `/staff/feedback/${parsed.data.id}?saved=1`, locale });
}

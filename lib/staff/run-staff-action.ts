import { hasLocale } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { redirect } from '@/i18n/navigation';
import type { SettingsState } from '@/lib/staff/settings-state';
import { isMessagePath, type MessageNamespace } from '@/i18n/message-keys';
import { routing, type Locale } from '@/i18n/routing';
import { currentStaff } from '@/lib/auth/current-staff';
import type { StaffSession } from '@/lib/auth/staff-profile';
import { isConflict, isDbUnavailable, isDuplicate, isNotFound, isPermissionDenied, isRefusal } from '@/lib/db';
import { requestLog } from '@/lib/log';

export type StaffChange = (
  session: StaffSession,
  values: Record<string, string>,
  formData: FormData,
  locale: Locale,
) => Promise<string | SettingsState>;

/**
 * The shared shape of every staff save (settings, improvement actions, surveys, tablets, alerts): who is signed in,
 * run the change as them (the database checks what they may do and audits it), turn a refusal into a message in their
 * language beside the right field, and keep what was typed. `change` returns where to go next, or a state to show on
 * the same form (for a secret that must not travel in a URL). `errorNamespace` names a feature's own error messages
 * (e.g. 'staff.surveys.errors'), looked up before the area's.
 */
export async function runStaffAction(
  formData: FormData,
  area: 'admin' | 'actions',
  change: StaffChange,
  errorNamespace?: MessageNamespace,
): Promise<SettingsState> {
  const requested = formData.get('locale');
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale });
  const values = Object.fromEntries(
    [...formData.entries()].filter(([k, v]) => typeof v === 'string' && !k.startsWith('$')).map(([k, v]) => [k, String(v)]),
  );
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login?expired=1', locale });
  let next: string | SettingsState;
  try {
    next = await change(session, values, formData, locale);
  } catch (error) {
    const areaErrors = area === 'admin' ? 'staff.admin.errors' : 'staff.actions.errors';
    const say = (code: string) =>
      t([`${errorNamespace ?? areaErrors}.${code}`, `${areaErrors}.${code}`].find(isMessagePath) ?? `${areaErrors}.generic`);
    if (isDbUnavailable(error)) return { error: say('unavailable'), values };
    if (error instanceof AdminInputError) return { error: say('invalid'), fieldErrors: { [error.field]: say(error.code) }, values };
    if (isPermissionDenied(error)) return { error: say('forbidden'), values };
    if (isRefusal(error)) return { error: say('invalid'), fieldErrors: { [error.detail || '_']: say(error.message) }, values };
    if (isDuplicate(error)) return { error: say('slug_taken'), values };
    if (isConflict(error)) return { error: say('stale_version'), values };
    if (isNotFound(error)) return { error: say('not_found'), values };
    (await requestLog()).error({ err: (error as Error).message, area }, 'staff save failed');
    return { error: say('generic'), values };
  }
  if (typeof next !== 'string') return next;
  redirect({ href: `${next}${next.includes('?') ? '&' : '?'}saved=1`, locale });
}

/** A form value that failed validation before reaching the database. */
export class AdminInputError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Administration saves (organisation, divisions, service points, staff). */
export const runAdminAction = (formData: FormData, change: StaffChange, errorNamespace?: MessageNamespace) =>
  runStaffAction(formData, 'admin', change, errorNamespace);

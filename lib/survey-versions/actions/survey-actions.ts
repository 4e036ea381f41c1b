'use server';

import { getTranslations } from 'next-intl/server';
import { isMessageKey, messageKey } from '@/i18n/message-keys';
import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb, isRefusal } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { fieldFor, parseDraftForm } from '../draft-form';

/**
 * The survey editor's actions (admin only; the database checks and audits): create a draft (a copy of the version in
 * use), save it, publish it (retiring the old one in the same transaction), or discard it.
 */

const ERRORS = 'staff.surveys.errors';

async function translator(locale: string) {
  const own = await getTranslations({ locale: locale === 'en' ? 'en' : 'th', namespace: ERRORS });
  const admin = await getTranslations({ locale: locale === 'en' ? 'en' : 'th', namespace: 'staff.admin.errors' });
  return (code: string) => (isMessageKey(ERRORS, code) ? own(code) : admin(messageKey('staff.admin.errors', code, 'generic')));
}

const versionOf = (value: string | undefined) => {
  const no = Number(value);
  if (!Number.isInteger(no) || no < 1) throw new AdminInputError('_form', 'not_found');
  return no;
};

export async function createSurveyDraftAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session) => {
      const { versionNo } = await (await getDb()).rpc('admin_survey_draft_create', {}, session.caller);
      return `/staff/admin/surveys/${versionNo}`;
    },
    ERRORS,
  );
}

export async function saveSurveyDraftAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session, values) => {
      const versionNo = versionOf(values.versionNo);
      const say = await translator(values.locale ?? 'th');
      const parsed = parseDraftForm(values);
      if (!parsed.ok) {
        const fieldErrors = Object.fromEntries(Object.entries(parsed.fieldErrors).map(([field, code]) => [field, say(code)]));
        return { error: say('invalid'), fieldErrors, values };
      }
      try {
        await (await getDb()).rpc('admin_survey_draft_save', { p_version_no: versionNo, p_draft: parsed.draft }, session.caller);
      } catch (error) {
        if (isRefusal(error)) {
          const field = fieldFor(error.detail ?? '_form', parsed.rows);
          return { error: field === '_form' ? say(error.message) : say('invalid'), fieldErrors: { [field]: say(error.message) }, values };
        }
        throw error;
      }
      return `/staff/admin/surveys/${versionNo}`;
    },
    ERRORS,
  );
}

export async function publishSurveyAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session, values) => {
      const versionNo = versionOf(values.versionNo);
      await (await getDb()).rpc('admin_survey_publish', { p_version_no: versionNo }, session.caller);
      return `/staff/admin/surveys?published=${versionNo}`;
    },
    ERRORS,
  );
}

export async function deleteSurveyDraftAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(
    formData,
    async (session, values) => {
      await (await getDb()).rpc('admin_survey_draft_delete', { p_version_no: versionOf(values.versionNo) }, session.caller);
      return '/staff/admin/surveys?deleted=1';
    },
    ERRORS,
  );
}

/** The preview's form posts here without JavaScript: nothing is stored, the admin is told so. */
export async function previewSurveyAction(_previous: unknown, formData: FormData): Promise<{ formError: string }> {
  const t = await getTranslations({ locale: formData.get('locale') === 'en' ? 'en' : 'th', namespace: 'staff.surveys' });
  return { formError: t('previewSubmitted') };
}

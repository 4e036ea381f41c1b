'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { SurveyActionState } from '@/components/survey/full-survey-types';
import { routing } from '@/i18n/routing';
import { fieldNameFor, formDataToValues, toSubmission } from '@/lib/survey/form-values';
import { SERVICE_POINT_SLUG } from '@/lib/survey/options';
import { requestContext } from '@/lib/survey/request-context';
import { channelOf, isClientKey } from '@/lib/survey/response-identity';
import { submitResponse } from '@/lib/survey/submit-response';

/**
 * The full survey posted without JavaScript, by "send" or by "I'm done" (both submit the form, so nothing typed is
 * lost; issue 18). On success the citizen goes to the receipt; otherwise the form comes
 * back with everything they typed and an error in their language beside each field. It never throws at the user.
 */
export async function submitSurveyAction(_previous: SurveyActionState, formData: FormData): Promise<SurveyActionState> {
  const values = formDataToValues(formData);
  const locale = (routing.locales as readonly string[]).includes(values.locale) ? values.locale : routing.defaultLocale;
  values.locale = locale;
  const channel = channelOf(formData.get('channel'));
  const outcome = await submitResponse(toSubmission(values), await requestContext(channel));

  if (outcome.ok) {
    const slug = SERVICE_POINT_SLUG.test(values.servicePoint) ? values.servicePoint : '';
    const reply = values.contactConsent ? '&reply=1' : '';
    const key = isClientKey(values.clientKey) ? `&k=${values.clientKey}` : ''; // for "Follow this in LINE" on the receipt
    redirect(`/${locale}/s/${slug}/thanks?ref=${encodeURIComponent(outcome.reference)}${reply}${key}`);
  }

  const t = await getTranslations({ locale: locale as 'th', namespace: 'errors' });
  const say = (code: string) => (t.has(code as 'generic') ? t(code as 'generic') : t('invalid_value'));
  const fieldErrors = Object.fromEntries(
    Object.entries(outcome.fieldErrors).map(([path, code]) => [fieldNameFor(path), say(code)]),
  );
  return { values, formError: say(outcome.code), fieldErrors };
}

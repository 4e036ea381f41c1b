'use server';

import { hasLocale } from 'next-intl';
import { redirect } from 'next/navigation';
import { localePath } from '@/i18n/paths';
import { getTranslations } from 'next-intl/server';
import { messageKey } from '@/i18n/message-keys';
import type { SurveyActionState } from '@/lib/responses/full-survey-types';
import { routing } from '@/i18n/routing';
import { fieldNameFor, formDataToValues, toSubmission } from '@/lib/responses/form-values';
import { SERVICE_POINT_SLUG } from '@/lib/responses/options';
import { channelOf } from '@/lib/responses/response-identity';
import { submitAsCitizen } from '@/lib/responses/submit-as-citizen';

/**
 * The full survey posted without JavaScript, by "send" or by "I'm done" (both submit the form, so nothing typed is
 * lost; issue 18). On success the citizen goes to the receipt; otherwise the form comes
 * back with everything they typed and an error in their language beside each field. It never throws at the user.
 */
export async function submitSurveyAction(_previous: SurveyActionState, formData: FormData): Promise<SurveyActionState> {
  const values = formDataToValues(formData);
  const locale = hasLocale(routing.locales, values.locale) ? values.locale : routing.defaultLocale;
  values.locale = locale;
  const channel = channelOf(formData.get('channel'));
  // The receipt rides in a hidden field (and the browser's cookie): only it lets this update the tapped response.
  const outcome = await submitAsCitizen(toSubmission(values), channel, formData.get('receipt'));

  if (outcome.ok) {
    const slug = SERVICE_POINT_SLUG.test(values.servicePoint) ? values.servicePoint : '';
    const reply = values.contactConsent ? '&reply=1' : '';
    // The key actually used (a key this browser's receipt does not open starts a new response), for "Follow this in LINE".
    const key = `&k=${outcome.clientKey}`;
    redirect(localePath({ href: `/s/${slug}/thanks?ref=${encodeURIComponent(outcome.receiptCode)}${reply}${key}`, locale }));
  }

  const t = await getTranslations({ locale: locale as 'th', namespace: 'errors' });
  const say = (code: string) => t(messageKey('errors', code, 'invalid_value'));
  const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([path, code]) => [fieldNameFor(path), say(code)]));
  return { values, formError: say(outcome.code), fieldErrors };
}

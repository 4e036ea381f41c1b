'use server';

import { redirect } from 'next/navigation';
import { routing } from '@/i18n/routing';
import { requestContext } from '@/lib/survey/request-context';
import { SERVICE_POINT_SLUG } from '@/lib/survey/options';
import { submitResponse } from '@/lib/survey/submit-response';

/**
 * The one tap. Works as a plain form post without JavaScript (the face is the submit button) and as a React action
 * with it. The rating is stored at once; the citizen then lands on the optional "tell us more" form, which carries
 * the same client key so that anything they add updates this response instead of creating another.
 */
export async function submitRatingAction(formData: FormData): Promise<void> {
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const locale = (routing.locales as readonly string[]).includes(field('locale')) ? field('locale') : routing.defaultLocale;
  const slug = field('servicePoint');
  if (!SERVICE_POINT_SLUG.test(slug)) redirect(`/${locale}`);

  const clientKey = field('clientKey');
  const rating = field('overallRating');
  const outcome = await submitResponse(
    { clientKey, servicePoint: slug, locale, overallRating: /^[1-5]$/.test(rating) ? Number(rating) : rating },
    await requestContext('qr'),
  );

  if (outcome.ok) {
    redirect(`/${locale}/s/${slug}/more?k=${encodeURIComponent(clientKey)}&r=${rating}&ref=${encodeURIComponent(outcome.reference)}`);
  }
  const code = outcome.fieldErrors.overallRating ?? outcome.code;
  redirect(`/${locale}/s/${slug}?error=${encodeURIComponent(code)}`);
}

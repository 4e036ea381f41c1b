'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { routing } from '@/i18n/routing';
import { requestContext } from '@/lib/survey/request-context';
import { SERVICE_POINT_SLUG } from '@/lib/survey/options';
import { channelOf, identityQuery, isClientKey } from '@/lib/survey/response-identity';
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

  const channel = channelOf(field('channel'));
  const rating = field('overallRating');
  const context = await requestContext(channel);
  const tap = (clientKey: string) =>
    submitResponse({ clientKey, servicePoint: slug, locale, overallRating: /^[1-5]$/.test(rating) ? Number(rating) : rating }, context);
  let clientKey = field('clientKey');
  let outcome = await tap(clientKey);
  if (!outcome.ok && outcome.code === 'response_closed') {
    // The page's key belongs to a response closed long ago (a bookmarked or reopened page): this tap is a new visit.
    clientKey = randomUUID();
    outcome = await tap(clientKey);
  }

  if (outcome.ok) {
    redirect(`/${locale}/s/${slug}/more${identityQuery({ clientKey, rating, reference: outcome.reference, channel })}`);
  }
  const code = outcome.fieldErrors.overallRating ?? outcome.code;
  const identity = identityQuery({ clientKey: isClientKey(clientKey) ? clientKey : undefined, channel });
  redirect(`/${locale}/s/${slug}${identity}${identity ? '&' : '?'}error=${encodeURIComponent(code)}`);
}

'use server';

import { hasLocale } from 'next-intl';
import { redirect } from 'next/navigation';
import { localePath } from '@/i18n/paths';
import { routing } from '@/i18n/routing';
import { SERVICE_POINT_SLUG } from '@/lib/responses/options';
import { channelOf, identityQuery, isClientKey } from '@/lib/responses/response-identity';
import { submitAsCitizen } from '@/lib/responses/submit-as-citizen';

/**
 * The one tap. Works as a plain form post without JavaScript (the face is the submit button) and as a React action
 * with it. The rating is stored at once; the citizen then lands on the optional "tell us more" form, which carries
 * the same client key (and the receipt, in the browser) so that anything they add updates this response instead of
 * creating another. A key the receipt does not open (a bookmarked page, someone else's link) starts a new response.
 */
export async function submitRatingAction(formData: FormData): Promise<void> {
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const requested = field('locale');
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const slug = field('servicePoint');
  if (!SERVICE_POINT_SLUG.test(slug)) redirect(localePath({ href: '/', locale }));

  const channel = channelOf(field('channel'));
  const rating = field('overallRating');
  const clientKey = field('clientKey');
  const outcome = await submitAsCitizen(
    { clientKey, servicePoint: slug, locale, overallRating: /^[1-5]$/.test(rating) ? Number(rating) : rating },
    channel,
    field('receipt'),
  );

  if (outcome.ok) {
    redirect(
      localePath({
        href: `/s/${slug}/more${identityQuery({ clientKey: outcome.clientKey, rating, reference: outcome.receiptCode, channel })}`,
        locale,
      }),
    );
  }
  const code = outcome.fieldErrors.overallRating ?? outcome.code;
  const identity = identityQuery({ clientKey: isClientKey(clientKey) ? clientKey : undefined, channel });
  redirect(localePath({ href: `/s/${slug}${identity}${identity ? '&' : '?'}error=${encodeURIComponent(code)}`, locale }));
}

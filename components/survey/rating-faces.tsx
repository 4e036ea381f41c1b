import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';
import { submitRatingAction } from '@/lib/survey/actions/submit-rating-action';
import { RATINGS } from '@/lib/survey/options';
import { FaceIcon } from './face-icon';

/**
 * The one-tap form: five faces, each a submit button of a real form, so a tap stores the rating with or without
 * JavaScript. A server component: the page ships no client code of its own before the first tap.
 * The client key is minted per page view; a double tap sends it twice and the database keeps one response.
 */
export async function RatingFaces({
  locale,
  servicePoint,
  question,
  clientKey,
}: {
  locale: Locale;
  servicePoint: string;
  question: string;
  clientKey: string;
}) {
  const t = await getTranslations({ locale, namespace: 'faces' });
  return (
    <form action={submitRatingAction}>
      <input type="hidden" name="clientKey" value={clientKey} />
      <input type="hidden" name="servicePoint" value={servicePoint} />
      <input type="hidden" name="locale" value={locale} />
      <fieldset className="faces">
        <legend>{question}</legend>
        {RATINGS.map((rating) => (
          <button key={rating} type="submit" name="overallRating" value={rating} className={`face face-${rating}`}>
            <FaceIcon rating={rating} />
            <span>{t(String(rating) as '5')}</span>
          </button>
        ))}
      </fieldset>
    </form>
  );
}

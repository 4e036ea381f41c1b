import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';
import { submitRatingAction } from '@/lib/responses/actions/submit-rating-action';
import { RATINGS } from '@/lib/responses/options';
import { FaceIcon } from './face-icon';
import { TapForm } from './tap-form';

/**
 * The one-tap form: five faces, each a submit button of a real form, so a tap stores the rating with or without
 * JavaScript. A server component: the page ships no client code of its own before the first tap.
 * The client key comes from the page's address; a double tap or a retry sends it twice and the database keeps one
 * response. TapForm adds the only client code: an offline queue for the tap.
 */
export async function RatingFaces({
  locale,
  servicePoint,
  question,
  clientKey,
  receipt,
  channel,
}: {
  locale: Locale;
  servicePoint: string;
  question: string;
  clientKey: string;
  /** The receipt secret (lib/responses/receipt.ts): in the form, never in a URL. None in the staff preview. */
  receipt?: string;
  channel: 'qr' | 'web';
}) {
  const t = await getTranslations({ locale, namespace: 'faces' });
  const survey = await getTranslations({ locale, namespace: 'survey' });
  return (
    <TapForm action={submitRatingAction} offlineSaved={survey('offlineSaved')}>
      <input type="hidden" name="clientKey" value={clientKey} />
      {receipt && <input type="hidden" name="receipt" value={receipt} />}
      <input type="hidden" name="servicePoint" value={servicePoint} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="channel" value={channel} />
      <fieldset className="faces">
        <legend>{question}</legend>
        {RATINGS.map((rating) => (
          <button key={rating} type="submit" name="overallRating" value={rating} className={`face face-${rating}`}>
            <FaceIcon rating={rating} />
            <span>{t(String(rating) as '5')}</span>
          </button>
        ))}
      </fieldset>
    </TapForm>
  );
}

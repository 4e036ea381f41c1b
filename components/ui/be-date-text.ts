import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { BeDateText } from './be-date-input';

/** The B.E. date input's words in the reader's language, for a server component to pass down. */
export async function beDateText(locale: Locale): Promise<BeDateText> {
  const t = await getTranslations({ locale, namespace: 'staff.dateInput' });
  return {
    placeholder: t('placeholder'),
    hint: t('hint'),
    errors: { invalid_date_format: t('invalid_date_format'), invalid_date: t('invalid_date'), out_of_range: t('out_of_range') },
  };
}

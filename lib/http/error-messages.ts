import { getTranslations } from 'next-intl/server';
import { messageKey } from '@/i18n/message-keys';
import type { Locale } from '@/i18n/routing';

/** Error codes → sentences in the reader's language (messages/<locale>.json → errors). Unknown codes read as generic. */
export async function errorTranslator(locale: Locale) {
  const t = await getTranslations({ locale, namespace: 'errors' });
  return (code: string) => t(messageKey('errors', code, 'generic'));
}

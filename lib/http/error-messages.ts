import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

/** Error codes → sentences in the reader's language (messages/<locale>.json → errors). Unknown codes read as generic. */
export async function errorTranslator(locale: Locale) {
  const t = await getTranslations({ locale, namespace: 'errors' });
  return (code: string) => (t.has(code as 'generic') ? t(code as 'generic') : t('generic'));
}

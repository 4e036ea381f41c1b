import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';
import { isMessageKey } from '@/i18n/message-keys';

/**
 * A page-level error named by a code from the URL (?error=…) after a form post without JavaScript. Only codes that
 * exist in messages are shown; anything else in the URL is ignored, so the URL cannot put words on the page.
 */
export async function ErrorNotice({ locale, code }: { locale: Locale; code?: string }) {
  if (!code) return null;
  const t = await getTranslations({ locale, namespace: 'errors' });
  if (!/^[a-z_]{1,40}$/.test(code) || !isMessageKey('errors', code)) return null;
  return (
    <p className="notice notice-error" role="alert">
      {t(code)}
    </p>
  );
}

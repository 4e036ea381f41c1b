import { localePath } from '@/i18n/paths';
import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';

/** A GET form to /{locale}/track?ref=…: works without JavaScript and keeps the reference out of any POST body. */
export async function ReferenceLookup({ locale, defaultValue }: { locale: Locale; defaultValue?: string }) {
  const t = await getTranslations({ locale, namespace: 'track' });
  return (
    <form className="lookup" action={localePath({ href: '/track', locale })} method="get" role="search">
      <div className="field">
        <label htmlFor="ref">{t('lookupLabel')}</label>
        <input id="ref" name="ref" type="search" autoComplete="off" maxLength={60} defaultValue={defaultValue} required />
      </div>
      <button type="submit" className="button">
        {t('lookup')}
      </button>
    </form>
  );
}

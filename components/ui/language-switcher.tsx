import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';
import { localePath } from '@/i18n/paths';
import { routing } from '@/i18n/routing';

/**
 * Plain links, one per language, each written in its own language (so a reader finds theirs). No client code: not
 * next-intl's Link, a client component, which would be the citizen pages' first JavaScript of their own (i18n/paths.ts).
 * A language is a new document, with its own <html lang>.
 */
export async function LanguageSwitcher({ locale, path }: { locale: Locale; path: string }) {
  const t = await getTranslations({ locale, namespace: 'common' });
  return (
    <nav aria-label={t('language')}>
      <ul className="languages">
        {routing.locales.map((l) => (
          <li key={l}>
            <a href={localePath({ href: path, locale: l })} hrefLang={l} lang={l} aria-current={l === locale ? 'true' : undefined}>
              {t(`languages.${l}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import type { Locale } from '@/i18n/routing';
import type { ReactNode } from 'react';
import { LanguageSwitcher } from './language-switcher';

/**
 * The frame of every citizen page: the municipality's name, the language choice, and the main landmark.
 * Server-rendered only: it adds no JavaScript to the page.
 */
export function PageShell({
  locale,
  path,
  organisation,
  children,
}: {
  locale: Locale;
  /** The current path without the locale prefix, so the language links keep the reader where they are. */
  path: string;
  organisation?: string;
  children: ReactNode;
}) {
  return (
    <>
      <header className="site-header">
        <span className="org">{organisation}</span>
        <LanguageSwitcher locale={locale} path={path} />
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}

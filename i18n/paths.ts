import type { Locale } from './routing';

/**
 * next-intl's getPathname (./navigation) for the citizen pages, which must ship no client code of their own.
 * Importing ./navigation at all puts next-intl's client bundle on the page (createNavigation's Link is a client
 * component, and Next.js loads every client component a page's server code imports: +14.4 KB gzip on the one-tap
 * page, measured with `npm run bench:page`). Same answer for this routing (every locale prefixed, no localized
 * pathnames); paths.test.ts holds the two together.
 */
export function localePath({ href, locale }: { href: string; locale: Locale }): string {
  // As next-intl: the home page has no trailing slash, with or without a query ('/th', '/th?x=1').
  return `/${locale}${/^\/(\?.*)?$/.test(href) ? href.slice(1) : href}`;
}

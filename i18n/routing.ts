import { defineRouting } from 'next-intl/routing';

/** Thai is the source language and the default; English and Burmese (Unicode, never Zawgyi) for citizens. */
export const routing = defineRouting({
  locales: ['th', 'en', 'my'],
  defaultLocale: 'th',
});

export type Locale = (typeof routing.locales)[number];

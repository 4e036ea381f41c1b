import { hasLocale } from 'next-intl';
import { notFound } from 'next/navigation';
import { routing, type Locale } from './routing';

/** A route's [locale] segment as a Locale; anything else is a 404 (the layout refuses it first). */
export function asLocale(value: string): Locale {
  if (hasLocale(routing.locales, value)) return value;
  notFound();
}

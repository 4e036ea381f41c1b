import { notFound } from 'next/navigation';
import { routing, type Locale } from './routing';

/** A route's [locale] segment as a Locale; anything else is a 404 (the layout refuses it first). */
export function asLocale(value: string): Locale {
  if ((routing.locales as readonly string[]).includes(value)) return value as Locale;
  notFound();
}

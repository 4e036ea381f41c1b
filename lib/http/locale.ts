import { hasLocale } from 'next-intl';
import { routing, type Locale } from '@/i18n/routing';

/** The reader's language for an API answer: the body's locale if valid, else Accept-Language, else Thai. */
export function negotiateLocale(request: Request, preferred?: unknown): Locale {
  if (hasLocale(routing.locales, preferred)) return preferred;
  const header = request.headers.get('accept-language') ?? '';
  for (const part of header.split(',')) {
    const base = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (hasLocale(routing.locales, base)) return base;
  }
  return routing.defaultLocale;
}

import { routing, type Locale } from '@/i18n/routing';

/** The reader's language for an API answer: the body's locale if valid, else Accept-Language, else Thai. */
export function negotiateLocale(request: Request, preferred?: unknown): Locale {
  const locales = routing.locales as readonly string[];
  if (typeof preferred === 'string' && locales.includes(preferred)) return preferred as Locale;
  const header = request.headers.get('accept-language') ?? '';
  for (const part of header.split(',')) {
    const base = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (base && locales.includes(base)) return base as Locale;
  }
  return routing.defaultLocale;
}

import type { Locale } from './routing';
import th from '@/messages/th.json';

export type Messages = typeof th;

/**
 * Thai is complete; English is complete; Burmese covers the citizen pages. Anything missing in a locale falls back to
 * English, then Thai, so a staff page opened in Burmese still reads in a language the reader can ask about.
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'th') return th;
  const en = (await import('@/messages/en.json')).default as Messages;
  if (locale === 'en') return deepMerge(th, en);
  const my = (await import('@/messages/my.json')).default as Partial<Messages>;
  return deepMerge(deepMerge(th, en), my);
}

function deepMerge<T>(base: T, over: unknown): T {
  if (typeof base !== 'object' || base === null || typeof over !== 'object' || over === null) {
    return (over ?? base) as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over as Record<string, unknown>)) {
    out[key] = deepMerge(out[key], value);
  }
  return out as T;
}

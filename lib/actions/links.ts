import type { Locale } from '@/i18n/routing';

/**
 * Where "create an improvement action" leads, from a weak item, a theme or a suggestion. The extension point between
 * the analysis (dashboard, inbox) and improvement actions: null hides the link until the actions pages exist.
 */
export function createActionHref(
  _locale: Locale,
  _source: { item?: string; theme?: string; suggestion?: number },
): string | null {
  return null;
}

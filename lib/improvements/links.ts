import type { Locale } from '@/i18n/routing';

/**
 * Where "create an improvement action" leads, from a weak item, a theme or a suggestion: the form, prefilled with
 * what it came from. The link between the analysis (dashboard, inbox) and the improvement actions.
 */
export function createActionHref(locale: Locale, source: { item?: string; theme?: string; suggestion?: number }): string {
  const query = new URLSearchParams();
  if (source.item) query.set('item', source.item);
  if (source.theme) query.set('theme', source.theme);
  if (source.suggestion) query.set('suggestion', String(source.suggestion));
  return `/${locale}/staff/actions/new?${query}`;
}

/**
 * Where "create an improvement action" leads, from a weak item, a theme or a suggestion: the form, prefilled with
 * what it came from. The link between the analysis (dashboard, inbox) and the improvement actions. Without the
 * locale: it is a Link's href.
 */
export function createActionHref(source: { item?: string; theme?: string; suggestion?: number }): string {
  const query = new URLSearchParams();
  if (source.item) query.set('item', source.item);
  if (source.theme) query.set('theme', source.theme);
  if (source.suggestion) query.set('suggestion', String(source.suggestion));
  return `/staff/actions/new?${query}`;
}

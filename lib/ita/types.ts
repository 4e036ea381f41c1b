/**
 * The ITA item map (public.ita_item, 14_ita.sql): per fiscal year, which OIT disclosure item each public page of
 * Siang answers. The items are renumbered from year to year, so nothing here names a code: the admin keeps them.
 */

/** The public pages an item may point to (the SQL check on ita_item.page). */
export const ITA_PAGES = ['results', 'participation', 'improvements'] as const;
export type ItaPage = (typeof ITA_PAGES)[number];

/** public_ita_items: what the public pages need. */
export interface PublicItaItem {
  code: string;
  title: string;
  page: ItaPage;
}

/** ita_items: the staff view, with the raw localised title for editing. */
export interface ItaItem extends PublicItaItem {
  id: number;
  fiscalYear: number;
  rawTitle: { th: string; en?: string; my?: string };
  position: number;
}

import type { Locale } from '@/i18n/routing';
import { anon, getDb, isRefusal } from '@/lib/db';
import type { PublicAction } from './types';

/** Published actions only (public_actions refuses anything else); a malformed filter reads as none found. */
export async function loadPublicActions(
  filter: { division?: string; fiscalYear?: number; id?: number },
  locale: Locale,
): Promise<PublicAction[]> {
  const db = await getDb();
  const clean: Record<string, string> = {};
  if (filter.division && /^[a-z0-9][a-z0-9-]{1,39}$/.test(filter.division)) clean.division = filter.division;
  if (filter.fiscalYear) clean.fiscalYear = String(filter.fiscalYear);
  if (filter.id) clean.id = String(filter.id);
  try {
    return await db.rpc('public_actions', { p_filter: clean, p_locale: locale }, anon);
  } catch (error) {
    if (isRefusal(error)) return [];
    throw error;
  }
}

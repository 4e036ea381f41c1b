import type { StaffSession } from '@/lib/auth/staff-profile';
import { getDb } from '@/lib/db';
import type { Locale } from '@/i18n/routing';
import { loadSatisfactionStats } from '@/lib/stats/load-stats';

/** The choices the action form offers: divisions, service points, and the survey's items (current questionnaire). */
export async function actionFormOptions(session: StaffSession, locale: Locale) {
  const db = await getDb();
  const [options, stats] = await Promise.all([
    db.rpc('staff_options', { p_locale: locale }, session.caller),
    loadSatisfactionStats(
      db,
      session.caller,
      { from: new Date().toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) },
      locale,
    ),
  ]);
  return { ...options, items: stats.items.map((i) => ({ code: i.code, text: i.text })) };
}

import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

/** Shown to staff who are not administrators: the database refused them the settings anyway. */
export async function AdminOnly({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'staff.admin.errors' });
  return <p className="notice notice-error">{t('forbidden')}</p>;
}

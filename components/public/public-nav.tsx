import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { fiscalYearOf } from '@/lib/format/fiscal-year';

/** Links between the public pages (results, improvements, participation, tracking). Plain links: no client code. */
export async function PublicNav({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'public.nav' });
  return (
    <nav aria-label={t('results')} className="public-nav no-print">
      <a href={`/${locale}/results`}>{t('results')}</a> · <a href={`/${locale}/improvements`}>{t('improvements')}</a> ·{' '}
      <a href={`/${locale}/participation/${fiscalYearOf(new Date())}`}>{t('participation')}</a> ·{' '}
      <a href={`/${locale}/track`}>{t('track')}</a>
    </nav>
  );
}

import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { localePath } from '@/i18n/paths';

/** Links between the public pages (results, improvements, participation, tracking). Plain links: no client code. */
export async function PublicNav({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'public.nav' });
  return (
    <nav aria-label={t('results')} className="public-nav no-print">
      <a href={localePath({ href: '/results', locale })}>{t('results')}</a> ·{' '}
      <a href={localePath({ href: '/improvements', locale })}>{t('improvements')}</a> ·{' '}
      <a href={localePath({ href: `/participation/${fiscalYearOf(new Date())}`, locale })}>{t('participation')}</a> ·{' '}
      <a href={localePath({ href: '/track', locale })}>{t('track')}</a>
    </nav>
  );
}

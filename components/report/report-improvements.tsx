import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';

/**
 * Part 4: how the results were used. Improvement actions fill it (they are recorded by divisions); until then it says
 * plainly that none are recorded for the period.
 */
export async function ReportImprovements({ locale, children }: { locale: Locale; children?: React.ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'staff.report' });
  return (
    <section className="report-section">
      <h2>{t('part4')}</h2>
      {children ?? <p>{t('part4None')}</p>}
    </section>
  );
}

import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { periodParam } from '@/lib/stats/public-period';
import type { PublicPeriod } from '@/lib/stats/types';

interface Props {
  locale: Locale;
  years: { fiscalYear: number; periods: PublicPeriod[] }[];
  selected: PublicPeriod;
  division: string | undefined;
  divisions: { slug: string; name: string }[];
  label: (period: PublicPeriod) => string;
}

/**
 * The period and division of the public results: a plain GET form, so it works with JavaScript off. Only whole
 * periods are offered (a fiscal year, its 6-month round, a month), grouped by fiscal year.
 */
export async function PeriodPicker({ locale, years, selected, division, divisions, label }: Props) {
  const t = await getTranslations({ locale, namespace: 'public.results' });
  return (
    <form method="get" className="filters">
      <div className="field">
        <label htmlFor="r-period">{t('period')}</label>
        <select id="r-period" name="period" defaultValue={periodParam(selected)}>
          {years.map((y) => (
            <optgroup key={y.fiscalYear} label={label({ fiscalYear: y.fiscalYear })}>
              {y.periods.map((p) => (
                <option key={periodParam(p)} value={periodParam(p)}>
                  {label(p)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="r-division">{t('division')}</label>
        <select id="r-division" name="division" defaultValue={division ?? ''}>
          <option value="">{t('all')}</option>
          {divisions.map((d) => (
            <option key={d.slug} value={d.slug}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-small">
        {t('show')}
      </button>
    </form>
  );
}

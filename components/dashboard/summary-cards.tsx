import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';
import type { SatisfactionStats } from '@/lib/stats/types';

/** The headline: how many answered, and overall satisfaction (X̄, S.D., percent, level). */
export async function SummaryCards({ locale, settings, stats }: { locale: Locale; settings: DisplaySettings; stats: SatisfactionStats }) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const { counts, overall } = stats;
  return (
    <div className="cards">
      <div className="card">
        <span className="label">{t('responses')}</span>
        <span className="value">{countText(counts.responses, locale, settings)}</span>
      </div>
      <div className="card">
        <span className="label">{t('oneTapOnly')}</span>
        <span className="value">{countText(counts.oneTapOnly, locale, settings)}</span>
      </div>
      <div className="card">
        <span className="label">{t('overallCard')}</span>
        <span className="value">{overall.level ? `${statText(overall.percent, locale, settings)}%` : s('noData')}</span>
        {overall.level && (
          <span>
            {s('mean')} {statText(overall.mean, locale, settings)} · {s('sd')} {statText(overall.sd, locale, settings)} ·{' '}
            {s(`levels.${overall.level}`)}
          </span>
        )}
      </div>
      <div className="card">
        <span className="label">{t('flagged')}</span>
        <span className="value">{countText(counts.flagged, locale, settings)}</span>
      </div>
    </div>
  );
}

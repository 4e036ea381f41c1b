import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { afterPeriodCloses, afterWindowStarted, impactVerdict, type Impact, type PublicAction } from '@/lib/improvements/types';
import { formatDate, type DisplaySettings } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';

/**
 * Before and after an action: n and mean on each side, the difference, and a verdict that claims an effect only when
 * both sides have enough responses and the 95% interval of the difference excludes zero.
 */
export async function ImpactTable({
  locale,
  settings,
  impact,
  items,
}: {
  locale: Locale;
  settings: DisplaySettings;
  impact: Impact;
  items: PublicAction['items'];
}) {
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const day = (iso: string) => formatDate(`${iso}T12:00:00+07:00`, locale, settings);
  const label = (code: string) => (code === 'overall' ? t('overallScope') : (items.find((i) => i.code === code)?.text ?? code));
  return (
    <>
      <p className="muted">
        {t('impactHint', { days: impact.windowDays })} ({t('before')}: {day(impact.before.from)} – {day(impact.before.to)}; {t('after')}:{' '}
        {afterWindowStarted(impact)
          ? `${day(impact.after.from)} – ${day(impact.after.to)}`
          : t('afterFrom', { date: day(impact.after.from) })}
        ){!impact.after.complete && ` · ${t('afterIncomplete', { days: impact.windowDays })}`}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{s('item')}</th>
            <th scope="col" className="num">
              {t('before')} ({s('n')})
            </th>
            <th scope="col" className="num">
              {t('before')} ({s('mean')})
            </th>
            <th scope="col" className="num">
              {t('after')} ({s('n')})
            </th>
            <th scope="col" className="num">
              {t('after')} ({s('mean')})
            </th>
            <th scope="col" className="num">
              {t('difference')}
            </th>
            <th scope="col">{s('level')}</th>
          </tr>
        </thead>
        <tbody>
          {impact.scopes.map((scope) => {
            const verdict = impactVerdict(scope);
            return (
              <tr key={scope.code}>
                <th scope="row">{label(scope.code)}</th>
                <td className="num">{scope.before ? countText(scope.before.n, locale, settings) : '–'}</td>
                <td className="num">{scope.before ? statText(scope.before.mean, locale, settings) : '–'}</td>
                <td className="num">{scope.after ? countText(scope.after.n, locale, settings) : '–'}</td>
                <td className="num">{scope.after ? statText(scope.after.mean, locale, settings) : '–'}</td>
                <td className="num">
                  {scope.enough && scope.difference != null
                    ? `${scope.difference > 0 ? '+' : ''}${statText(scope.difference, locale, settings)} ± ${statText(scope.margin ?? 0, locale, settings)}`
                    : '–'}
                </td>
                <td>
                  {verdict === 'pending'
                    ? t('pendingAfter', { date: day(afterPeriodCloses(impact)) })
                    : verdict === 'not_enough'
                      ? t('notEnough', { min: impact.minResponses })
                      : t(verdict === 'no_clear_change' ? 'noClearChange' : verdict)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

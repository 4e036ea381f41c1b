import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';
import type { StatCell } from '@/lib/stats/types';

export interface CellRow {
  key: string;
  label: React.ReactNode;
  cell: StatCell<boolean>;
  extra?: React.ReactNode;
}

/**
 * The numbers behind a chart, as a real table (what a screen reader reads, and what a report prints): n, X̄, S.D.,
 * percent and level per row. Suppressed cells (public pages, fewer than 5 responses) say so instead of a figure.
 */
export async function CellTable({
  locale,
  settings,
  caption,
  labelHeader,
  rows,
  extraHeader,
  showCaption = false,
}: {
  locale: Locale;
  settings: DisplaySettings;
  caption: string;
  labelHeader: string;
  rows: CellRow[];
  extraHeader?: string;
  /** Print the caption above the table (reports: "ตารางที่ 2 …"); otherwise it is for screen readers only. */
  showCaption?: boolean;
}) {
  const t = await getTranslations({ locale, namespace: 'stats' });
  return (
    // A table wider than a phone scrolls sideways: the scrolling box takes keyboard focus and is named, so that it can
    // be scrolled without a mouse (axe: scrollable-region-focusable).
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="data">
        <caption className={showCaption ? 'report-caption' : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="num">
              {t('n')}
            </th>
            <th scope="col" className="num">
              {t('mean')}
            </th>
            <th scope="col" className="num">
              {t('sd')}
            </th>
            <th scope="col" className="num">
              {t('percent')}
            </th>
            <th scope="col">{t('level')}</th>
            {extraHeader !== undefined && <th scope="col">{extraHeader}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, cell, extra }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              {cell.suppressed ? (
                <td colSpan={5} className="muted">
                  {t('suppressed')}
                </td>
              ) : (
                <>
                  <td className="num">{countText(cell.n, locale, settings)}</td>
                  <td className="num">{statText(cell.mean, locale, settings)}</td>
                  <td className="num">{statText(cell.sd, locale, settings)}</td>
                  <td className="num">{statText(cell.percent, locale, settings)}</td>
                  <td>{cell.level ? t(`levels.${cell.level}`) : t('noData')}</td>
                </>
              )}
              {extraHeader !== undefined && <td>{extra}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

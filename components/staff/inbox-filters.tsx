import { getTranslations } from 'next-intl/server';
import { BeDateInput } from '@/components/ui/be-date-input';
import { beDateText } from '@/components/ui/be-date-text';
import type { Locale } from '@/i18n/routing';
import { SUGGESTION_STATUSES, type InboxParams } from '@/lib/feedback/inbox-filter';
import type { StaffOptions } from '@/lib/feedback/types';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { SUGGESTION_CATEGORIES } from '@/lib/responses/options';

/** The inbox filters: a GET form, so the filtered view is a URL that can be shared or bookmarked. */
export async function InboxFilters({ locale, params, options }: { locale: Locale; params: InboxParams; options: StaffOptions }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  const categories = await getTranslations({ locale, namespace: 'more.categories' });
  const currentFy = fiscalYearOf(new Date());
  const dates = await beDateText(locale);
  const select = (name: string, label: string, value: string | number | undefined, choices: [string, string][]) => (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">{t('inbox.any')}</option>
        {choices.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" className="filters" aria-label={t('inbox.filters')}>
      {select(
        'status',
        t('inbox.status'),
        params.status,
        SUGGESTION_STATUSES.map((s) => [s, t(`status.${s}`)]),
      )}
      {select(
        'category',
        t('inbox.category'),
        params.category,
        SUGGESTION_CATEGORIES.map((c) => [c, categories(c)]),
      )}
      {select('division', t('inbox.division'), params.division, [
        ['none', t('inbox.unassigned')],
        ...options.divisions.map((d): [string, string] => [d.slug, d.name]),
      ])}
      {select(
        'point',
        t('inbox.servicePoint'),
        params.point,
        options.servicePoints.map((p) => [p.slug, p.name]),
      )}
      {select(
        'rating',
        t('inbox.rating'),
        params.rating,
        ['5', '4', '3', '2', '1'].map((r) => [r, r]),
      )}
      {select(
        'fy',
        t('inbox.fiscalYear'),
        params.fy,
        [0, 1, 2, 3].map((back) => {
          const fy = String(currentFy - back);
          return [fy, t('inbox.fiscalYearOption', { year: fy })];
        }),
      )}
      <div className="field">
        <label htmlFor="f-from">{t('inbox.from')}</label>
        <BeDateInput id="f-from" name="from" text={dates} iso={params.from} />
      </div>
      <div className="field">
        <label htmlFor="f-to">{t('inbox.to')}</label>
        <BeDateInput id="f-to" name="to" text={dates} iso={params.to} />
      </div>
      <div className="field">
        <label htmlFor="f-q">{t('inbox.search')}</label>
        <input id="f-q" name="q" type="search" maxLength={100} defaultValue={params.q} />
      </div>
      <div className="actions actions-inline">
        <button type="submit" className="button button-small">
          {t('inbox.apply')}
        </button>
        <a href="?" className="button button-small button-secondary">
          {t('inbox.clear')}
        </a>
      </div>
    </form>
  );
}

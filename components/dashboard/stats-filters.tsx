import { getTranslations } from 'next-intl/server';
import { BeDateInput } from '@/components/ui/be-date-input';
import { beDateText } from '@/components/ui/be-date-text';
import type { Locale } from '@/i18n/routing';
import type { StaffOptions } from '@/lib/feedback/types';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import type { StatsFilter } from '@/lib/stats/types';

/** The dashboard's filters as a GET form: the view is a URL that can be shared. */
export async function StatsFilters({ locale, filter, options }: { locale: Locale; filter: StatsFilter; options: StaffOptions }) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const current = fiscalYearOf(new Date());
  const dates = await beDateText(locale);
  const select = (name: string, label: string, value: string | number | undefined, choices: [string, string][], empty: string) => (
    <div className="field">
      <label htmlFor={`d-${name}`}>{label}</label>
      <select id={`d-${name}`} name={name} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">{empty}</option>
        {choices.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" className="filters no-print" aria-label={t('filters')}>
      {select(
        'fiscalYear',
        s('fiscalYear'),
        filter.fiscalYear,
        [0, 1, 2, 3].map((b) => [String(current - b), s('fiscalYearLabel', { year: current - b })]),
        t('allTime'),
      )}
      {select(
        'round',
        t('round'),
        filter.round,
        [
          ['full', t('rounds.full')],
          ['h1', t('rounds.h1')],
        ],
        t('any'),
      )}
      <div className="field">
        <label htmlFor="d-from">{(await getTranslations({ locale, namespace: 'staff.inbox' }))('from')}</label>
        <BeDateInput id="d-from" name="from" text={dates} iso={filter.from} />
      </div>
      <div className="field">
        <label htmlFor="d-to">{(await getTranslations({ locale, namespace: 'staff.inbox' }))('to')}</label>
        <BeDateInput id="d-to" name="to" text={dates} iso={filter.to} />
      </div>
      {select(
        'division',
        s('division'),
        filter.division,
        options.divisions.map((d) => [d.slug, d.name]),
        t('any'),
      )}
      {select(
        'servicePoint',
        s('servicePoint'),
        filter.servicePoint,
        options.servicePoints.map((p) => [p.slug, p.name]),
        t('any'),
      )}
      {select(
        'channel',
        s('channel'),
        filter.channel,
        (['qr', 'web', 'kiosk', 'paper'] as const).map((c) => [c, s(`channels.${c}`)]),
        t('any'),
      )}
      <div className="actions actions-inline">
        <button type="submit" className="button button-small">
          {t('apply')}
        </button>
        <a href="?" className="button button-small button-secondary">
          {t('clear')}
        </a>
      </div>
    </form>
  );
}

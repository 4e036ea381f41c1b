import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CellTable } from '@/components/dashboard/cell-table';
import { PublicNav } from '@/components/public/public-nav';
import { PageShell } from '@/components/ui/page-shell';
import { asLocale } from '@/i18n/page-locale';
import { anon, getDb } from '@/lib/db';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { formatMonth } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';
import type { DisplaySettingsRow } from '@/lib/stats/dashboard-data';
import { parseStatsFilter } from '@/lib/stats/filter';
import { loadPublicResults } from '@/lib/stats/load-stats';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'public.results' });
  return { title: t('metaTitle') };
}

/** Public results: the report's numbers (public_results), small cells suppressed, readable on a phone. */
export default async function ResultsPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const search = await searchParams;
  const parsed = parseStatsFilter({ fiscalYear: search.fiscalYear, round: search.round, division: search.division });
  const current = fiscalYearOf(new Date());
  const filter = parsed.success && parsed.filter.fiscalYear ? parsed.filter : { fiscalYear: current };
  const db = await getDb();
  const [results, display] = await Promise.all([
    loadPublicResults(db, filter, locale),
    db.rpc('display_settings', {}, anon),
  ]);
  const t = await getTranslations({ locale, namespace: 'public.results' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const dim = await getTranslations({ locale, namespace: 'more.dimensions' });
  const rounds = await getTranslations({ locale, namespace: 'staff.dashboard.rounds' });
  const settings = { thaiDigits: display.thaiDigits && locale === 'th' };
  const name = (locale === 'th' ? display.name.th : display.name[locale]) ?? display.name.th;

  return (
    <PageShell locale={locale} path="/results" organisation={name}>
      <PublicNav locale={locale} />
      <h1>{t('heading')}</h1>
      <p className="muted">{t('intro')}</p>
      <form method="get" className="filters">
        <div className="field">
          <label htmlFor="r-year">{t('fiscalYear')}</label>
          <select id="r-year" name="fiscalYear" defaultValue={String(filter.fiscalYear)}>
            {[0, 1, 2, 3].map((b) => <option key={b} value={current - b}>{current - b}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-round">{t('round')}</label>
          <select id="r-round" name="round" defaultValue={filter.round ?? ''}>
            <option value="">{rounds('full')}</option>
            <option value="h1">{rounds('h1')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="r-division">{t('division')}</label>
          <select id="r-division" name="division" defaultValue={filter.division ?? ''}>
            <option value="">{t('all')}</option>
            {results.byDivision.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
          </select>
        </div>
        <button type="submit" className="button button-small">{t('show')}</button>
      </form>
      {!results.overall.level ? (
        <p className="notice">{t('noData')}</p>
      ) : (
        <>
          <div className="cards">
            <div className="card">
              <span className="label">{t('overall')}</span>
              <span className="value">{statText(results.overall.percent, locale, settings)}%</span>
              <span>{s(`levels.${results.overall.level}`)} · {t('responses', { count: countText(results.counts.responses, locale, settings) })}</span>
            </div>
          </div>
          <h2>{t('byDimension')}</h2>
          <CellTable locale={locale} settings={settings} caption={t('byDimension')} labelHeader={s('dimension')}
            rows={[{ key: 'overall', label: s('overall'), cell: results.overall }, ...results.dimensions.map((d) => ({ key: d.dimension, label: dim(d.dimension), cell: d }))]} />
          <h2>{t('byDivision')}</h2>
          <CellTable locale={locale} settings={settings} caption={t('byDivision')} labelHeader={s('division')}
            rows={results.byDivision.map((d) => ({ key: d.slug, label: d.name, cell: d }))} />
          <h2>{t('trend')}</h2>
          <CellTable locale={locale} settings={settings} caption={t('trend')} labelHeader={s('month')}
            rows={results.trend.map((m) => ({ key: m.month, label: formatMonth(`${m.month}-15T00:00:00+07:00`, locale, settings), cell: m }))} />
          <p className="muted">{t('suppressedNote')}</p>
        </>
      )}
      <p>
        <a href={`/${locale}/participation/${filter.fiscalYear ?? current}`}>
          {(await getTranslations({ locale, namespace: 'public.improvements' }))('participationLink', { year: filter.fiscalYear ?? current })}
        </a>
      </p>
      {display.eitUrl && <p><a href={display.eitUrl} rel="noopener">{t('eit')}</a></p>}
    </PageShell>
  );
}

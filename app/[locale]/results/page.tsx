import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CellTable } from '@/components/dashboard/cell-table';
import { periodLabeller } from '@/components/public/period-label';
import { PeriodPicker } from '@/components/public/period-picker';
import { PublicNav } from '@/components/public/public-nav';
import { PageShell } from '@/components/ui/page-shell';
import { redirect } from 'next/navigation';
import { asLocale } from '@/i18n/page-locale';
import { anon, getDb, isRefusal } from '@/lib/db';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { countText, statText } from '@/lib/stats/display';
import { loadPublicResults } from '@/lib/stats/load-stats';
import { offeredPeriods, readPublicResultsQuery } from '@/lib/stats/public-period';
import type { PublicResultsFilter } from '@/lib/stats/types';
import { localePath } from '@/i18n/paths';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'public.results' });
  return { title: t('metaTitle') };
}

/**
 * Public results: one whole period at a time (a fiscal year, its 6-month round, a month), every figure from
 * public_results, hidden where fewer than 5 responses stand behind it or where subtraction would give such a group
 * back (docs/public-results.md). An older link with dates or ?fiscalYear= is redirected to the period that holds it,
 * or told on the page that only whole periods are shown.
 */
export default async function ResultsPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const current = fiscalYearOf(new Date());
  const query = readPublicResultsQuery(await searchParams, { fiscalYear: current });
  if (query.kind === 'redirect') {
    const to = new URLSearchParams({ period: query.period, ...(query.division ? { division: query.division } : {}) });
    redirect(localePath({ href: `/results?${to}`, locale }));
  }
  let problem: 'fixed_periods_only' | 'invalid_period' | 'invalid_division' | null = query.kind === 'refused' ? query.reason : null;
  let filter: PublicResultsFilter = query.kind === 'show' ? query.filter : { fiscalYear: current };
  const db = await getDb();
  const display = await db.rpc('display_settings', {}, anon);
  let results: Awaited<ReturnType<typeof loadPublicResults>>;
  try {
    results = await loadPublicResults(db, filter, locale);
  } catch (error) {
    // An unknown division (or a period SQL refuses): say so, and show the whole municipality this year.
    if (!isRefusal(error)) throw error;
    problem = 'division' in filter && filter.division ? 'invalid_division' : 'invalid_period';
    filter = { fiscalYear: current };
    results = await loadPublicResults(db, filter, locale);
  }

  const t = await getTranslations({ locale, namespace: 'public.results' });
  const s = await getTranslations({ locale, namespace: 'stats' });
  const dim = await getTranslations({ locale, namespace: 'more.dimensions' });
  const settings = { thaiDigits: display.thaiDigits && locale === 'th' };
  const name = (locale === 'th' ? display.name.th : display.name[locale]) ?? display.name.th;
  const label = await periodLabeller(locale, settings);
  const selected = results.filter.month
    ? { month: results.filter.month }
    : { fiscalYear: results.filter.fiscalYear, ...(results.filter.round === 'h1' ? { round: 'h1' as const } : {}) };
  // The last four fiscal years, and the one shown if it is older (a link kept from years ago still reads right).
  const recent = [0, 1, 2, 3].map((b) => current - b);
  const years = offeredPeriods(recent.includes(results.filter.fiscalYear) ? recent : [...recent, results.filter.fiscalYear], new Date());
  const divisionName = results.byDivision.find((d) => d.slug === results.filter.division)?.name;

  return (
    <PageShell locale={locale} path="/results" organisation={name}>
      <PublicNav locale={locale} />
      <h1>{t('heading')}</h1>
      <p className="muted">{t('intro')}</p>
      {problem && (
        <p className="notice notice-error" role="alert" data-testid="period-problem">
          {t(`problems.${problem}`)}
        </p>
      )}
      <PeriodPicker
        locale={locale}
        years={years}
        selected={selected}
        division={results.filter.division ?? undefined}
        divisions={results.byDivision.map((d) => ({ slug: d.slug, name: d.name }))}
        label={label}
      />
      <h2 data-testid="period-shown">
        {divisionName
          ? t('showingDivision', { period: label(selected), division: divisionName })
          : t('showing', { period: label(selected) })}
      </h2>
      {results.overall.n === 0 ? (
        <p className="notice">{t('noData')}</p>
      ) : (
        <>
          <div className="cards">
            <div className="card">
              <span className="label">{t('overall')}</span>
              {results.overall.suppressed ? (
                <span>{s('suppressed')}</span>
              ) : (
                <>
                  <span className="value">{statText(results.overall.percent, locale, settings)}%</span>
                  <span>
                    {s(`levels.${results.overall.level!}`)} ·{' '}
                    {t('responses', { count: countText(results.counts.responses, locale, settings) })}
                  </span>
                </>
              )}
            </div>
          </div>
          <h2>{t('byDimension')}</h2>
          <CellTable
            locale={locale}
            settings={settings}
            caption={t('byDimension')}
            labelHeader={s('dimension')}
            rows={[
              { key: 'overall', label: s('overall'), cell: results.overall },
              ...results.dimensions.map((d) => ({ key: d.dimension, label: dim(d.dimension), cell: d })),
            ]}
          />
          {!results.filter.division && (
            <>
              <h2>{t('byDivision')}</h2>
              <CellTable
                locale={locale}
                settings={settings}
                caption={t('byDivision')}
                labelHeader={s('division')}
                rows={results.byDivision.map((d) => ({ key: d.slug, label: d.name, cell: d }))}
              />
            </>
          )}
          <h2>{t('byServicePoint')}</h2>
          <CellTable
            locale={locale}
            settings={settings}
            caption={t('byServicePoint')}
            labelHeader={s('servicePoint')}
            rows={results.byServicePoint.map((p) => ({ key: p.slug, label: p.name, cell: p }))}
          />
          {results.trend.length > 1 && (
            <>
              <h2>{t('trend')}</h2>
              <CellTable
                locale={locale}
                settings={settings}
                caption={t('trend')}
                labelHeader={s('month')}
                rows={results.trend.map((m) => ({ key: m.month, label: label({ month: m.month }), cell: m }))}
              />
            </>
          )}
          <p className="muted" data-testid="hidden-note">
            {t('suppressedNote')}
          </p>
        </>
      )}
      <p>
        <a href={localePath({ href: `/participation/${results.filter.fiscalYear}`, locale })}>
          {(await getTranslations({ locale, namespace: 'public.improvements' }))('participationLink', { year: results.filter.fiscalYear })}
        </a>
      </p>
      {display.eitUrl && (
        <p>
          <a href={display.eitUrl} rel="noopener">
            {t('eit')}
          </a>
        </p>
      )}
    </PageShell>
  );
}

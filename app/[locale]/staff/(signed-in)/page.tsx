import { fieldList } from '@/lib/format/field-list';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { isMessageKey } from '@/i18n/message-keys';
import {
  ComparisonSection,
  DistributionSection,
  ItemsSection,
  RespondentsSection,
  TrendSection,
} from '@/components/dashboard/dashboard-sections';
import { StatsFilters } from '@/components/dashboard/stats-filters';
import { SummaryCards } from '@/components/dashboard/summary-cards';
import { ThemesSection } from '@/components/dashboard/themes-section';
import { asLocale } from '@/i18n/page-locale';
import { createActionHref } from '@/lib/improvements/links';
import { requireStaff } from '@/lib/auth/require-staff';
import { mayAct } from '@/lib/auth/staff-profile';
import { getDb } from '@/lib/db';
import { formatDate } from '@/lib/format/thai-format';
import { loadDashboard } from '@/lib/stats/dashboard-data';
import { statsFilterToSearchParams } from '@/lib/stats/filter';
import { Link } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'staff.dashboard' });
  return { title: t('metaTitle') };
}

/** The analysis dashboard: every figure from satisfaction_stats (computed once in SQL), filters in the URL. */
export default async function DashboardPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const search = await searchParams;
  const [data, options] = await Promise.all([
    loadDashboard(session.caller, search, locale),
    (await getDb()).rpc('staff_options', { p_locale: locale }, session.caller),
  ]);
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const fields = await getTranslations({ locale, namespace: 'staff.filterFields' });
  const settings = { thaiDigits: data.display.thaiDigits };
  const { stats, filter } = data;
  const canAct = mayAct(session.profile.role);
  const exportQuery = statsFilterToSearchParams(filter).toString();

  return (
    <>
      <h1>{t('heading')}</h1>
      {data.invalid.length > 0 && (
        <p className="notice notice-error" role="status">
          {t('invalidFilters', { fields: fieldList(data.invalid, locale, (f) => (isMessageKey('staff.filterFields', f) ? fields(f) : f)) })}
        </p>
      )}
      <StatsFilters locale={locale} filter={filter} options={options} />
      {stats.filter.from && stats.filter.to && (
        <p className="muted">
          {t('period', {
            from: formatDate(`${stats.filter.from}T12:00:00+07:00`, locale, settings),
            to: formatDate(`${stats.filter.to}T12:00:00+07:00`, locale, settings),
          })}
        </p>
      )}
      <p className="no-print">
        {filter.fiscalYear && (
          <>
            <Link href={`/staff/reports/${filter.fiscalYear}`}>{t('report', { year: filter.fiscalYear })}</Link> ·{' '}
            <Link href={`/staff/reports/${filter.fiscalYear}?round=h1`}>{t('reportH1')}</Link> ·{' '}
          </>
        )}
        {t('export')}: <a href={`/api/staff/exports/responses.csv?${exportQuery}`}>{t('exportCsv')}</a> ·{' '}
        <a href={`/api/staff/exports/responses.xlsx?${exportQuery}`}>{t('exportXlsx')}</a> ·{' '}
        <a href={`/api/staff/exports/tables.csv?${exportQuery}`}>{t('exportTablesCsv')}</a> ·{' '}
        <a href={`/api/staff/exports/tables.xlsx?${exportQuery}`}>{t('exportTablesXlsx')}</a>
      </p>
      <SummaryCards locale={locale} settings={settings} stats={stats} />
      <TrendSection locale={locale} settings={settings} stats={stats} />
      <ItemsSection
        locale={locale}
        settings={settings}
        stats={stats}
        actionHref={canAct ? (code) => createActionHref({ item: code }) : undefined}
      />
      <ThemesSection
        locale={locale}
        settings={settings}
        themes={data.themes}
        sampled={data.suggestionsRead}
        inboxRange={stats.filter}
        actionHref={canAct ? (term) => createActionHref({ theme: term }) : undefined}
      />
      <DistributionSection locale={locale} settings={settings} stats={stats} />
      <ComparisonSection locale={locale} settings={settings} stats={stats} />
      <RespondentsSection locale={locale} settings={settings} stats={stats} />
    </>
  );
}

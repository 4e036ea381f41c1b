import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ReportFront } from '@/components/report/report-front';
import { ReportImprovements } from '@/components/report/report-improvements';
import { ReportRespondents } from '@/components/report/report-respondents';
import { ReportResults } from '@/components/report/report-results';
import { ReportSuggestions } from '@/components/report/report-suggestions';
import { asLocale } from '@/i18n/page-locale';
import { requireStaff } from '@/lib/auth/require-staff';
import { loadReport } from '@/lib/report/load-report';
import type { ActionSummary } from '@/lib/actions/types';
import { getDb } from '@/lib/db';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { formatDate } from '@/lib/format/thai-format';

type Props = { params: Promise<{ locale: string; fiscalYear: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The year of the address, in Arabic or Thai digits (/th/staff/reports/๒๕๖๙ arrives percent-encoded). */
function readYear(raw: string): number | null {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null; // a malformed escape is no year
  }
  const digits = text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  const year = /^\d{4}$/.test(digits) ? Number(digits) : NaN;
  return year >= 2543 && year <= 2743 ? year : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment, fiscalYear } = await params;
  const t = await getTranslations({ locale: asLocale(segment), namespace: 'staff.report' });
  return { title: t('metaTitle', { year: readYear(fiscalYear) ?? '' }) };
}

/**
 * The official service-satisfaction report for a fiscal year (or its 6-month round, ?round=h1), printable on A4:
 * title page, method, respondents, results with the ranking in words, suggestions, and improvements. Every number
 * comes from satisfaction_stats, the same computation as the dashboard.
 */
export default async function ReportPage({ params, searchParams }: Props) {
  const { locale: segment, fiscalYear: raw } = await params;
  const locale = asLocale(segment);
  const session = await requireStaff(locale);
  const fiscalYear = readYear(raw);
  if (!fiscalYear) notFound();
  const round = (await searchParams).round === 'h1' ? 'h1' : 'full';
  const t = await getTranslations({ locale, namespace: 'staff.report' });
  // A year that has not begun, or one without a single response, gets a sentence, never a report of zeros.
  if (fiscalYear > fiscalYearOf(new Date())) {
    return <p className="notice" role="status">{t('futureYear', { year: String(fiscalYear) })}</p>;
  }
  const data = await loadReport(session.caller, fiscalYear, round, locale);
  if (!data.stats.counts.responses) {
    return <p className="notice" role="status">{t('emptyYear', { year: String(fiscalYear) })}</p>;
  }
  const settings = { thaiDigits: data.display.thaiDigits && locale === 'th' };
  const other = locale === 'th' ? 'en' : 'th';
  const actionStatus = await getTranslations({ locale, namespace: 'staff.actions.statuses' });
  const { from, to } = data.stats.filter;
  // Part 4: what was completed in the period, and what is under way.
  const actions = (await (await getDb()).rpc('action_list', { p_filter: {}, p_locale: locale }, session.caller)).filter(
    (a) => (a.status === 'done' && a.completedDate && from && to && a.completedDate >= from && a.completedDate <= to) || a.status === 'in_progress',
  );

  return (
    <>
      <p className="no-print">
        <a href={`/${other}/staff/reports/${fiscalYear}${round === 'h1' ? '?round=h1' : ''}`}>{t(other === 'en' ? 'english' : 'thai')}</a>
      </p>
      {/* The ITA year (issue 20): the public participation page this report's year answers, and its evidence list. */}
      <p className="no-print">
        <a href={`/${locale}/participation/${fiscalYear}`}>{(await getTranslations({ locale, namespace: 'staff.ita' }))('reportLink')}</a>
        {' · '}
        <a href={`/${locale}/staff/ita/${fiscalYear}`}>{(await getTranslations({ locale, namespace: 'staff.nav' }))('ita')}</a>
      </p>
      <article className="report">
        <ReportFront locale={locale} settings={settings} data={data} />
        <ReportRespondents locale={locale} settings={settings} data={data} firstTable={2} />
        <ReportResults locale={locale} settings={settings} data={data} firstTable={6} />
        <ReportSuggestions locale={locale} settings={settings} data={data} />
        <ReportImprovements locale={locale}>
          {actions.length > 0 ? (
            <ol>
              {actions.map((a) => (
                <li key={a.id}>
                  <strong>{a.title}</strong> — {a.division} · {actionStatus(a.status)}
                  {a.completedDate && ` · ${formatDate(`${a.completedDate}T12:00:00+07:00`, locale, settings)}`}
                </li>
              ))}
            </ol>
          ) : undefined}
        </ReportImprovements>
      </article>
    </>
  );
}

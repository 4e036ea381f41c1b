import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { PrintButton } from '@/components/report/print-button';
import { ReportConclusion } from '@/components/report/report-conclusion';
import { ReportContents } from '@/components/report/report-contents';
import { ReportCover } from '@/components/report/report-cover';
import { ReportImprovements } from '@/components/report/report-improvements';
import { ReportMethod } from '@/components/report/report-method';
import { ReportRespondents } from '@/components/report/report-respondents';
import { ReportResults } from '@/components/report/report-results';
import { ReportSignatures } from '@/components/report/report-signatures';
import { ReportSuggestions } from '@/components/report/report-suggestions';
import { reportTexts } from '@/components/report/report-texts';
import { asLocale } from '@/i18n/page-locale';
import { requireStaff } from '@/lib/auth/require-staff';
import { loadReport } from '@/lib/report/load-report';
import { reportOutline } from '@/lib/report/outline';
import { reportFormat } from '@/lib/report/report-format';
import { getDb } from '@/lib/db';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { getPathname, Link } from '@/i18n/navigation';

type Props = {
  params: Promise<{ locale: string; fiscalYear: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

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
 * cover, contents, method, respondents, results with ranks and the ranking in words, suggestions, improvements,
 * conclusion and recommendations, and the signature block; tables numbered from ตารางที่ 1 (lib/report/outline.ts).
 * Every number comes from satisfaction_stats, the same computation as the dashboard, and with the Thai-digit setting
 * on, every digit of the Thai version is Thai (lib/report/report-format.ts).
 */
export default async function ReportPage({ params, searchParams }: Props) {
  const { locale: segment, fiscalYear: raw } = await params;
  const locale = asLocale(segment);
  const session = await requireStaff(locale);
  const fiscalYear = readYear(raw);
  if (!fiscalYear) notFound();
  const round = (await searchParams).round === 'h1' ? 'h1' : 'full';
  const messages = await getTranslations({ locale, namespace: 'staff.report' });
  // A year that has not begun, or one without a single response, gets a sentence, never a report of zeros.
  // (In the municipality's digits, as the report would be.)
  if (fiscalYear > fiscalYearOf(new Date())) {
    const display = await (await getDb()).rpc('display_settings', {}, session.caller);
    const year = reportFormat(locale, display.thaiDigits).int(fiscalYear);
    return (
      <p className="notice" role="status">
        {messages('futureYear', { year })}
      </p>
    );
  }
  const data = await loadReport(session.caller, fiscalYear, round, locale);
  const f = reportFormat(locale, data.display.thaiDigits);
  if (!data.stats.counts.responses) {
    return (
      <p className="notice" role="status">
        {messages('emptyYear', { year: f.int(fiscalYear) })}
      </p>
    );
  }
  const t = await reportTexts(locale, f);
  const outline = reportOutline(data);
  const other = locale === 'th' ? 'en' : 'th';
  const name = f.text((locale === 'th' ? data.display.name.th : data.display.name[locale]) ?? data.display.name.th);
  const office = data.display.contact.office?.[locale === 'th' ? 'th' : 'en'] ?? data.display.contact.office?.th;

  return (
    <>
      <div className="no-print report-tools">
        <PrintButton label={t.r('print')} />
        {/* A plain link: the other language is a new document (its <html lang>, its words). */}
        <a href={getPathname({ href: `/staff/reports/${fiscalYear}${round === 'h1' ? '?round=h1' : ''}`, locale: other })}>
          {t.r(other === 'en' ? 'english' : 'thai')}
        </a>
        <p className="hint">{t.r('printHint')}</p>
      </div>
      {/* The ITA year (issue 20): the public participation page this report's year answers, and its evidence list. */}
      <p className="no-print">
        <Link href={`/participation/${fiscalYear}`}>{(await getTranslations({ locale, namespace: 'staff.ita' }))('reportLink')}</Link>
        {' · '}
        <Link href={`/staff/ita/${fiscalYear}`}>{(await getTranslations({ locale, namespace: 'staff.nav' }))('ita')}</Link>
      </p>
      <article className={f.thaiDigits ? 'report report-thai-digits' : 'report'}>
        <ReportCover data={data} name={name} office={office && f.text(office)} t={t} f={f} />
        <ReportContents outline={outline} t={t} f={f} />
        <ReportMethod locale={locale} data={data} name={name} outline={outline} t={t} f={f} />
        <ReportRespondents locale={locale} data={data} outline={outline} t={t} f={f} />
        <ReportResults locale={locale} data={data} outline={outline} t={t} f={f} />
        <ReportSuggestions data={data} outline={outline} t={t} f={f} />
        <ReportImprovements data={data} t={t} f={f} />
        <ReportConclusion locale={locale} data={data} t={t} f={f} />
        <ReportSignatures locale={locale} signatories={data.signatories} t={t} f={f} />
      </article>
    </>
  );
}

import { redirect } from '@/i18n/navigation';
import { asLocale } from '@/i18n/page-locale';
import { fiscalYearOf } from '@/lib/format/fiscal-year';

/** The ITA evidence of the current fiscal year. */
export default async function ItaIndexPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = asLocale((await params).locale);
  redirect({ href: `/staff/ita/${fiscalYearOf(new Date())}`, locale });
}

import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { ItaItemForm } from '@/components/ita/ita-item-form';
import { CopyButton } from '@/components/ui/copy-button';
import { asLocale } from '@/i18n/page-locale';
import { requireStaff } from '@/lib/auth/require-staff';
import { getDb } from '@/lib/db';
import { asciiDigits } from '@/lib/format/be-date';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { itaItemUrl } from '@/lib/ita/public-url';
import { publicBaseUrl } from '@/lib/qr/public-url';
import { Link } from '@/i18n/navigation';

type Props = {
  params: Promise<{ locale: string; fiscalYear: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const yearOf = (raw: string) => {
  let text: string;
  try {
    text = asciiDigits(decodeURIComponent(raw)); // ๒๕๖๙ arrives percent-encoded
  } catch {
    return null; // a malformed escape is no year: 404, never a 500
  }
  return /^\d{4}$/.test(text) && Number(text) >= 2543 && Number(text) <= 2743 ? Number(text) : null;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, fiscalYear } = await params;
  const t = await getTranslations({ locale: asLocale(locale), namespace: 'staff.ita' });
  return { title: t('metaTitle', { year: String(yearOf(fiscalYear) ?? '') }) };
}

/**
 * ITA evidence: per fiscal year, each OIT item the public pages answer (from the admin's ITA item map) with its
 * absolute public address, ready to paste into the assessment system: selectable text, and a copy button with
 * JavaScript. The admin keeps the map here too, since the items are renumbered from year to year.
 */
export default async function ItaEvidencePage({ params, searchParams }: Props) {
  const { locale: segment, fiscalYear: raw } = await params;
  const locale = asLocale(segment);
  const session = await requireStaff(locale);
  const year = yearOf(raw);
  if (!year) notFound();
  const t = await getTranslations({ locale, namespace: 'staff.ita' });
  const [items, all] = await Promise.all([
    (await getDb()).rpc('ita_items', { p_fiscal_year: year, p_locale: locale }, session.caller),
    (await getDb()).rpc('ita_items', { p_fiscal_year: null, p_locale: locale }, session.caller),
  ]);
  const { base, configured } = publicBaseUrl(await headers());
  const isAdmin = session.profile.role === 'admin';
  const current = fiscalYearOf(new Date());
  const years = [...new Set([current + 1, current, current - 1, current - 2, current - 3, ...all.map((i) => i.fiscalYear)])].sort(
    (a, b) => b - a,
  );

  return (
    <>
      <h1>{t('heading', { year: String(year) })}</h1>
      <p>{t('intro')}</p>
      <p className="muted">{t('renumbered')}</p>
      {(await searchParams).saved === '1' && (
        <p className="notice notice-ok" role="status">
          {t('saved')}
        </p>
      )}
      {!configured && (
        <p className="notice notice-error" role="alert">
          {t('noBaseUrl')}
        </p>
      )}
      <nav aria-label={t('fiscalYear')} className="no-print">
        {t('fiscalYear')}:{' '}
        {years.map((y, i) => (
          <span key={y}>
            {i > 0 && ' · '}
            {y === year ? <strong aria-current="page">{y}</strong> : <Link href={`/staff/ita/${y}`}>{y}</Link>}
          </span>
        ))}
      </nav>
      {items.length === 0 ? (
        <p className="notice">{isAdmin ? t('emptyAdmin') : t('empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption>{t('heading', { year: String(year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('code')}</th>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('page')}</th>
                <th scope="col">{t('url')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const url = itaItemUrl(base, item.page, year);
                return (
                  <tr key={item.id}>
                    <th scope="row">{item.code}</th>
                    <td>{item.title}</td>
                    <td>{t(`pages.${item.page}`)}</td>
                    <td>
                      <code className="evidence-url">{url}</code>{' '}
                      <CopyButton text={url} label={t('copy')} copied={t('copied')} failed={t('copyFailed')} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && (
        <section aria-labelledby="ita-edit" className="no-print">
          {items.map((item) => (
            <details key={item.id}>
              <summary>{t('editHeading', { code: item.code })}</summary>
              <ItaItemForm locale={locale} fiscalYear={year} item={item} />
            </details>
          ))}
          <h2 id="ita-edit">{t('addHeading', { year: String(year) })}</h2>
          <ItaItemForm locale={locale} fiscalYear={year} />
        </section>
      )}
    </>
  );
}

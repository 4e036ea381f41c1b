import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PublicActionCard } from '@/components/public/public-action';
import { PublicNav } from '@/components/public/public-nav';
import { PageShell } from '@/components/ui/page-shell';
import { asLocale } from '@/i18n/page-locale';
import { loadPublicActions } from '@/lib/improvements/public';
import { anon, getDb } from '@/lib/db';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { localePath } from '@/i18n/paths';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'public.improvements' });
  return {
    title: t('metaTitle'),
    alternates: { types: { 'application/atom+xml': localePath({ href: '/improvements/feed.xml', locale }) } },
  };
}

/** "You said, we did": every published improvement, filtered by division and fiscal year, with an Atom feed. */
export default async function ImprovementsPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const search = await searchParams;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  const year = /^\d{4}$/.test(one(search.fiscalYear) ?? '') ? Number(one(search.fiscalYear)) : undefined;
  const division = one(search.division);
  const [actions, display, everything] = await Promise.all([
    loadPublicActions({ division, fiscalYear: year }, locale),
    (await getDb()).rpc('display_settings', {}, anon),
    loadPublicActions({}, locale),
  ]);
  const t = await getTranslations({ locale, namespace: 'public.improvements' });
  const all = await getTranslations({ locale, namespace: 'public.results' });
  const settings = { thaiDigits: display.thaiDigits && locale === 'th' };
  const divisions = [...new Map(everything.map((a) => [a.division.slug, a.division.name])).entries()];
  const current = fiscalYearOf(new Date());

  return (
    <PageShell
      locale={locale}
      path="/improvements"
      organisation={(locale === 'th' ? display.name.th : display.name[locale]) ?? display.name.th}
    >
      <PublicNav locale={locale} />
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      <form method="get" className="filters">
        <div className="field">
          <label htmlFor="i-division">{t('division')}</label>
          <select id="i-division" name="division" defaultValue={division ?? ''}>
            <option value="">{all('all')}</option>
            {divisions.map(([slug, name]) => (
              <option key={slug} value={slug}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="i-year">{t('year')}</label>
          <select id="i-year" name="fiscalYear" defaultValue={year ? String(year) : ''}>
            <option value="">{all('all')}</option>
            {[0, 1, 2, 3].map((b) => (
              <option key={b} value={current - b}>
                {current - b}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-small">
          {all('show')}
        </button>
      </form>
      {actions.length === 0 ? (
        <p className="notice">{t('empty')}</p>
      ) : (
        actions.map((a) => <PublicActionCard key={a.id} locale={locale} settings={settings} action={a} />)
      )}
      <p>
        <a href={localePath({ href: `/participation/${year ?? current}`, locale })}>{t('participationLink', { year: year ?? current })}</a>
      </p>
      <p>
        <a href={localePath({ href: '/improvements/feed.xml', locale })}>{t('feed')}</a>
      </p>
    </PageShell>
  );
}

import { fieldList } from '@/lib/format/field-list';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { isMessageKey } from '@/i18n/message-keys';
import { InboxFilters } from '@/components/staff/inbox-filters';
import { InboxTable } from '@/components/staff/inbox-table';
import { asLocale } from '@/i18n/page-locale';
import { requireStaff } from '@/lib/auth/require-staff';
import { getDb } from '@/lib/db';
import { inboxSearch, parseInboxFilter } from '@/lib/feedback/inbox-filter';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'staff.inbox' });
  return { title: t('metaTitle') };
}

/** Every suggestion the signed-in person may see (RLS decides), newest first, filtered, a page at a time. */
export default async function InboxPageRoute({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const { params: filter, invalid, query } = parseInboxFilter(await searchParams);
  const db = await getDb();
  const [page, options] = await Promise.all([
    db.rpc('inbox', { p_filter: query, p_locale: locale }, session.caller),
    db.rpc('staff_options', { p_locale: locale }, session.caller),
  ]);
  const t = await getTranslations({ locale, namespace: 'staff.inbox' });
  const fields = await getTranslations({ locale, namespace: 'staff.filterFields' });

  return (
    <>
      <h1>{t('heading')}</h1>
      <p className="notice" role="status">
        {t('newCount', { count: page.newCount })} · {t('dueRule', { days: page.dueDays })}
      </p>
      {invalid.length > 0 && (
        <p className="notice notice-error" role="status">
          {t('invalidFilters', { fields: fieldList(invalid, locale, (f) => (isMessageKey('staff.filterFields', f) ? fields(f) : f)) })}
        </p>
      )}
      <InboxFilters locale={locale} params={filter} options={options} />
      <p className="muted" role="status">
        {t('count', { count: page.items.length })}
      </p>
      <InboxTable locale={locale} items={page.items} />
      <nav className="pager" aria-label={t('heading')}>
        {filter.before ? <a href={inboxSearch(filter, { before: undefined }) || '?'}>{t('newest')}</a> : <span />}
        {page.next && <a href={inboxSearch(filter, { before: `${page.next.at}|${page.next.id}` })}>{t('older')}</a>}
      </nav>
    </>
  );
}

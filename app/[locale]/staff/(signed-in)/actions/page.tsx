import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { asLocale } from '@/i18n/page-locale';
import { requireStaff } from '@/lib/auth/require-staff';
import { mayAct } from '@/lib/auth/staff-profile';
import { getDb } from '@/lib/db';
import { formatDate } from '@/lib/format/thai-format';
import { Link } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'staff.actions' });
  return { title: t('metaTitle') };
}

/** Every improvement action, the most recently changed first. */
export default async function ActionsPage({ params }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const actions = await (await getDb()).rpc('action_list', { p_filter: {}, p_locale: locale }, session.caller);
  const t = await getTranslations({ locale, namespace: 'staff.actions' });
  return (
    <>
      <h1>{t('heading')}</h1>
      {mayAct(session.profile.role) && (
        <p>
          <Link className="button" href="/staff/actions/new">
            {t('new')}
          </Link>
        </p>
      )}
      {actions.length === 0 ? (
        <p className="notice">{t('empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('division')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" className="num">
                  {t('progress')}
                </th>
                <th scope="col">{t('completedDate')}</th>
                <th scope="col">{t('published')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link href={`/staff/actions/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.division}</td>
                  <td>{t(`statuses.${a.status}`)}</td>
                  <td className="num">{a.progress}</td>
                  <td>{a.completedDate ? formatDate(`${a.completedDate}T12:00:00+07:00`, locale) : '–'}</td>
                  <td>{a.published ? t('published') : t('notPublished')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

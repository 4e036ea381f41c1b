import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link, redirect } from '@/i18n/navigation';
import { AdminOnly } from '@/components/admin/admin-only';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { currentStaff } from '@/lib/auth/current-staff';
import { formatDateTime } from '@/lib/format/thai-format';
import { createSurveyDraftAction } from '@/lib/survey-versions/actions/survey-actions';
import { loadSurveyVersions } from '@/lib/survey-versions/load-surveys';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'staff.surveys' });
  return { title: t('metaTitle') };
}

/** Every survey version (draft, in use, retired), and a button to start a draft from the version in use. */
export default async function SurveysPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login', locale });
  const versions = await loadSurveyVersions(session);
  if (!versions) return <AdminOnly locale={locale} />;
  const t = await getTranslations({ locale, namespace: 'staff.surveys' });
  const admin = await getTranslations({ locale, namespace: 'staff.admin' });
  const query = await searchParams;
  const draft = versions.find((v) => v.status === 'draft');
  return (
    <>
      <p>
        <Link href="/staff/admin">← {admin('heading')}</Link>
      </p>
      <h1>{t('heading')}</h1>
      {typeof query.published === 'string' && (
        <p className="notice notice-ok" role="status">
          {t('published', { no: query.published })}
        </p>
      )}
      {query.deleted === '1' && (
        <p className="notice notice-ok" role="status">
          {t('deleted')}
        </p>
      )}
      <p>{t('intro')}</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('publishedAt')}</th>
              <th scope="col" className="num">
                {t('items')}
              </th>
              <th scope="col" className="num">
                {t('responses')}
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.versionNo}>
                <td>
                  <Link href={`/staff/admin/surveys/${v.versionNo}`}>{t('editHeading', { no: v.versionNo })}</Link>
                </td>
                <td>{t(`statuses.${v.status}`)}</td>
                <td>{v.publishedAt ? formatDateTime(v.publishedAt, locale) : '—'}</td>
                <td className="num">{v.items}</td>
                <td className="num">{v.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!draft && (
        <SettingsForm
          submit={t('createDraft')}
          action={createSurveyDraftAction}
          fields={[{ kind: 'hidden', name: 'locale', value: locale }]}
        />
      )}
    </>
  );
}

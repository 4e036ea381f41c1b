import { getTranslations } from 'next-intl/server';
import { AdminOnly } from '@/components/admin/admin-only';
import { servicePointFields } from '@/components/admin/service-point-fields';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveServicePointAction } from '@/lib/admin/actions/save-service-point-action';
import { loadAdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';
import { Link } from '@/i18n/navigation';

/** Service points: every counter, open or retired, with its poster; and a form to add one. */
export default async function ServicePointsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const settings = await loadAdminSettings(session);
  if (!settings) return <AdminOnly locale={locale} />;
  const t = await getTranslations({ locale, namespace: 'staff.admin' });
  const divisionName = new Map(settings.divisions.map((d) => [d.slug, d.name.th]));
  return (
    <>
      <p>
        <Link href="/staff/admin">← {t('heading')}</Link>
      </p>
      <h1>{t('sections.servicePoints')}</h1>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('point.nameTh')}</th>
              <th scope="col">{t('point.division')}</th>
              <th scope="col">{t('point.status')}</th>
              <th scope="col">{t('point.poster')}</th>
            </tr>
          </thead>
          <tbody>
            {settings.servicePoints.map((p) => (
              <tr key={p.slug}>
                <td>
                  <Link href={`/staff/admin/service-points/${p.slug}`}>{p.name.th}</Link> <span className="muted">({p.slug})</span>
                </td>
                <td>{divisionName.get(p.division)}</td>
                <td>{p.active ? t('point.open') : t('point.retired')}</td>
                <td>
                  <Link href={`/staff/admin/posters?point=${p.slug}&size=a4`}>A4</Link> ·{' '}
                  <Link href={`/staff/admin/posters?point=${p.slug}&size=a5`}>A5</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="add-heading" className="form-section">
        <h2 id="add-heading">{t('point.addHeading')}</h2>
        <SettingsForm
          submit={t('add')}
          action={saveServicePointAction}
          fields={servicePointFields((k) => t(k as 'save'), locale, settings.divisions)}
        />
      </section>
    </>
  );
}

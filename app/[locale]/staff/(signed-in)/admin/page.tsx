import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminOnly } from '@/components/admin/admin-only';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveDivisionAction } from '@/lib/admin/actions/save-division-action';
import { saveOrganisationAction } from '@/lib/admin/actions/save-organisation-action';
import { loadAdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'staff.admin' });
  return { title: t('metaTitle') };
}

/** Administration: the organisation profile and settings, and the divisions. Admins only (the database enforces it). */
export default async function AdminPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const settings = await loadAdminSettings(session);
  const t = await getTranslations({ locale, namespace: 'staff.admin' });
  const links = await getTranslations({ locale, namespace: 'staff.adminLinks' });
  if (!settings) return <AdminOnly locale={locale} />;
  const org = settings.organisation;
  const saved = (await searchParams).saved === '1';

  return (
    <>
      <h1>{t('heading')}</h1>
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('saved')}
        </p>
      )}
      <nav aria-label={t('heading')}>
        <ul>
          <li><a href={`/${locale}/staff/admin/service-points`}>{t('sections.servicePoints')}</a></li>
          <li><a href={`/${locale}/staff/admin/staff`}>{t('sections.staff')}</a></li>
          <li><a href={`/${locale}/staff/admin/posters`}>{t('sections.posters')}</a></li>
          <li><a href={`/${locale}/staff/admin/surveys`}>{links('surveys')}</a></li>
          <li><a href={`/${locale}/staff/admin/alerts`}>{links('alerts')}</a></li>
        </ul>
      </nav>
      <div className="columns">
        <section aria-labelledby="org-heading">
          <h2 id="org-heading">{t('sections.organisation')}</h2>
          <SettingsForm
            submit={t('save')}
            action={saveOrganisationAction}
            fields={[
              { kind: 'hidden', name: 'locale', value: locale },
              { kind: 'text', name: 'nameTh', label: t('org.nameTh'), value: org.name.th, required: true, maxLength: 200 },
              { kind: 'text', name: 'nameEn', label: t('org.nameEn'), value: org.name.en, maxLength: 200 },
              { kind: 'text', name: 'nameMy', label: t('org.nameMy'), value: org.name.my, maxLength: 200 },
              { kind: 'text', name: 'referencePrefix', label: t('org.referencePrefix'), hint: t('org.referencePrefixHint'), value: org.reference_prefix, maxLength: 6 },
              { kind: 'text', name: 'officeTh', label: t('org.officeTh'), value: org.contact.office?.th, maxLength: 200 },
              { kind: 'text', name: 'officeEn', label: t('org.officeEn'), value: org.contact.office?.en, maxLength: 200 },
              { kind: 'text', name: 'addressTh', label: t('org.addressTh'), value: org.contact.address?.th, maxLength: 300 },
              { kind: 'text', name: 'addressEn', label: t('org.addressEn'), value: org.contact.address?.en, maxLength: 300 },
              { kind: 'text', name: 'phone', label: t('org.phone'), value: org.contact.phone, maxLength: 40 },
              { kind: 'email', name: 'email', label: t('org.email'), value: org.contact.email, maxLength: 254 },
              { kind: 'url', name: 'website', label: t('org.website'), value: org.contact.website, maxLength: 500 },
              { kind: 'textarea', name: 'pdpaTh', label: t('org.pdpaTh'), value: org.pdpa_notice.th, maxLength: 2000 },
              { kind: 'textarea', name: 'pdpaEn', label: t('org.pdpaEn'), value: org.pdpa_notice.en, maxLength: 2000 },
              { kind: 'textarea', name: 'pdpaMy', label: t('org.pdpaMy'), value: org.pdpa_notice.my, maxLength: 2000 },
              { kind: 'number', name: 'replyDueDays', label: t('org.replyDueDays'), hint: t('org.replyDueDaysHint'), value: String(org.reply_due_days) },
              { kind: 'number', name: 'contactRetentionDays', label: t('org.retention'), hint: t('org.retentionHint'), value: String(org.contact_retention_days) },
              { kind: 'select', name: 'levelBands', label: t('org.levelBands'), value: org.level_bands,
                options: [{ value: '0.5', label: t('org.bands05') }, { value: '0.8', label: t('org.bands08') }] },
              { kind: 'checkbox', name: 'thaiDigits', label: t('org.thaiDigits'), checked: org.thai_digits },
              { kind: 'url', name: 'eitUrl', label: t('org.eitUrl'), hint: t('org.eitUrlHint'), value: org.eit_url ?? '', maxLength: 500 },
              { kind: 'number', name: 'burstWindowSeconds', label: t('org.burstWindow'), value: String(org.burst_window_seconds) },
              { kind: 'number', name: 'burstMaxPerSource', label: t('org.burstSource'), value: String(org.burst_max_per_source) },
              { kind: 'number', name: 'burstMaxPerDevice', label: t('org.burstDevice'), value: String(org.burst_max_per_device) },
            ]}
          />
        </section>
        <section aria-labelledby="divisions-heading">
          <h2 id="divisions-heading">{t('sections.divisions')}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('division.slug')}</th>
                <th scope="col">{t('division.nameTh')}</th>
                <th scope="col">{t('division.email')}</th>
                <th scope="col" className="num">{t('division.points')}</th>
              </tr>
            </thead>
            <tbody>
              {settings.divisions.map((d) => (
                <tr key={d.slug}>
                  <td>{d.slug}</td>
                  <td>{d.name.th}</td>
                  <td>{d.email ?? '—'}</td>
                  <td className="num">{d.servicePoints}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('add')} / {t('edit')}</h3>
          <SettingsForm
            submit={t('save')}
            action={saveDivisionAction}
            fields={[
              { kind: 'hidden', name: 'locale', value: locale },
              { kind: 'text', name: 'slug', label: t('division.slug'), required: true, maxLength: 40 },
              { kind: 'text', name: 'nameTh', label: t('division.nameTh'), required: true, maxLength: 200 },
              { kind: 'text', name: 'nameEn', label: t('division.nameEn'), maxLength: 200 },
              { kind: 'text', name: 'nameMy', label: t('division.nameMy'), maxLength: 200 },
              { kind: 'number', name: 'position', label: t('division.position') },
              { kind: 'email', name: 'email', label: t('division.email'), hint: t('division.emailHint'), maxLength: 254 },
              { kind: 'checkbox', name: 'emailClear', label: t('division.emailClear') },
            ]}
          />
        </section>
      </div>
    </>
  );
}

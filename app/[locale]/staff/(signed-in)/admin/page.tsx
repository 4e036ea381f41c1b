import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AdminOnly } from '@/components/admin/admin-only';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveDivisionAction } from '@/lib/admin/actions/save-division-action';
import { saveLogoAction } from '@/lib/admin/actions/save-logo-action';
import { saveOrganisationAction } from '@/lib/admin/actions/save-organisation-action';
import { SIGNATORY_FIELDS, SIGNATORY_MAX, type SignatoryField } from '@/lib/admin/form-fields';
import { logoUrl } from '@/lib/admin/logo';
import { loadAdminSettings, type AdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';
import { Link } from '@/i18n/navigation';

/** The stored text behind a signatory field (preparerNameTh → report_signatories.preparer.name.th). */
function signatory(signatories: AdminSettings['organisation']['report_signatories'] | undefined, field: SignatoryField): string {
  const [, role, part, lang] = /^(preparer|approver)(Name|Position)(Th|En)$/.exec(field)!;
  const texts = signatories?.[role as 'preparer' | 'approver']?.[part!.toLowerCase() as 'name' | 'position'];
  return texts?.[lang!.toLowerCase() as 'th' | 'en'] ?? '';
}

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
  const logo = await logoUrl();

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
          <li>
            <Link href="/staff/admin/service-points">{t('sections.servicePoints')}</Link>
          </li>
          <li>
            <Link href="/staff/admin/staff">{t('sections.staff')}</Link>
          </li>
          <li>
            <Link href="/staff/admin/posters">{t('sections.posters')}</Link>
          </li>
          <li>
            <Link href="/staff/admin/surveys">{links('surveys')}</Link>
          </li>
          <li>
            <Link href="/staff/admin/alerts">{links('alerts')}</Link>
          </li>
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
              {
                kind: 'text',
                name: 'referencePrefix',
                label: t('org.referencePrefix'),
                hint: t('org.referencePrefixHint'),
                value: org.reference_prefix,
                maxLength: 6,
              },
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
              {
                kind: 'number',
                name: 'replyDueDays',
                label: t('org.replyDueDays'),
                hint: t('org.replyDueDaysHint'),
                value: String(org.reply_due_days),
              },
              {
                kind: 'number',
                name: 'contactRetentionDays',
                label: t('org.retention'),
                hint: t('org.retentionHint'),
                value: String(org.contact_retention_days),
              },
              {
                kind: 'select',
                name: 'levelBands',
                label: t('org.levelBands'),
                value: org.level_bands,
                options: [
                  { value: '0.5', label: t('org.bands05') },
                  { value: '0.8', label: t('org.bands08') },
                ],
              },
              { kind: 'checkbox', name: 'thaiDigits', label: t('org.thaiDigits'), checked: org.thai_digits },
              { kind: 'url', name: 'eitUrl', label: t('org.eitUrl'), hint: t('org.eitUrlHint'), value: org.eit_url ?? '', maxLength: 500 },
              // The yearly report's signature block: every one of its fields is here, so saving never drops one.
              ...SIGNATORY_FIELDS.map((name, index) => ({
                kind: 'text' as const,
                name,
                label: t(`org.${name}`),
                hint: index === 0 ? `${t('org.signaturesHeading')}: ${t('org.signaturesHint')}` : undefined,
                value: signatory(org.report_signatories, name),
                maxLength: SIGNATORY_MAX,
              })),
              { kind: 'number', name: 'burstWindowSeconds', label: t('org.burstWindow'), value: String(org.burst_window_seconds) },
              { kind: 'number', name: 'burstMaxPerSource', label: t('org.burstSource'), value: String(org.burst_max_per_source) },
              { kind: 'number', name: 'burstMaxPerDevice', label: t('org.burstDevice'), value: String(org.burst_max_per_device) },
            ]}
          />
        </section>
        <section aria-labelledby="logo-heading">
          <h2 id="logo-heading">{t('logo.heading')}</h2>
          <p className="muted">{t('logo.intro')}</p>
          {logo ? (
            <p>
              {/* eslint-disable-next-line @next/next/no-img-element -- the uploaded logo as it is stored, not an optimised copy */}
              <img src={logo} alt={t('logo.current')} width={96} height={96} className="home-logo" />
            </p>
          ) : (
            <p className="muted">{t('logo.none')}</p>
          )}
          <SettingsForm
            submit={t('logo.upload')}
            action={saveLogoAction}
            fields={[
              { kind: 'hidden', name: 'locale', value: locale },
              { kind: 'file', name: 'logo', label: t('logo.file'), hint: t('logo.hint'), accept: 'image/png,image/jpeg,image/webp' },
            ]}
          />
          {logo && (
            <SettingsForm
              submit={t('logo.remove')}
              action={saveLogoAction}
              fields={[
                { kind: 'hidden', name: 'locale', value: locale },
                { kind: 'hidden', name: 'remove', value: '1' },
              ]}
            />
          )}
        </section>
        <section aria-labelledby="divisions-heading">
          <h2 id="divisions-heading">{t('sections.divisions')}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('division.slug')}</th>
                <th scope="col">{t('division.nameTh')}</th>
                <th scope="col">{t('division.email')}</th>
                <th scope="col" className="num">
                  {t('division.points')}
                </th>
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
          <h3>
            {t('add')} / {t('edit')}
          </h3>
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

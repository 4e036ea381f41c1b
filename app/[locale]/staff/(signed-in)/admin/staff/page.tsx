import { getTranslations } from 'next-intl/server';
import { AdminOnly } from '@/components/admin/admin-only';
import { SettingsForm, type FieldSpec } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveStaffAction } from '@/lib/admin/actions/save-staff-action';
import { loadAdminSettings, type AdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';
import { formatDateTime } from '@/lib/format/thai-format';
import { Link } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Staff accounts: who may sign in, with which role; add one (a password is generated and shown once). */
export default async function StaffAccountsPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const settings = await loadAdminSettings(session);
  if (!settings) return <AdminOnly locale={locale} />;
  const t = await getTranslations({ locale, namespace: 'staff' });
  const roles = (['admin', 'pr_officer', 'division_staff', 'executive'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const divisions = [
    { value: '', label: t('admin.staffForm.noDivision') },
    ...settings.divisions.map((d) => ({ value: d.slug, label: d.name.th })),
  ];
  const fields = (member?: AdminSettings['staff'][number]): FieldSpec[] => [
    { kind: 'hidden', name: 'locale', value: locale },
    { kind: 'hidden', name: 'create', value: member ? '0' : '1' },
    member
      ? { kind: 'text', name: 'email', label: t('admin.staffForm.email'), value: member.email, readOnly: true }
      : { kind: 'email', name: 'email', label: t('admin.staffForm.email'), required: true, maxLength: 254 },
    { kind: 'text', name: 'displayName', label: t('admin.staffForm.name'), value: member?.displayName, required: true, maxLength: 100 },
    { kind: 'select', name: 'role', label: t('admin.staffForm.role'), value: member?.role ?? 'pr_officer', options: roles },
    { kind: 'select', name: 'division', label: t('admin.staffForm.division'), value: member?.division ?? '', options: divisions },
    ...(member ? [{ kind: 'checkbox' as const, name: 'active', label: t('admin.staffForm.active'), checked: member.active }] : []),
  ];

  return (
    <>
      <p>
        <Link href="/staff/admin">← {t('admin.heading')}</Link>
      </p>
      <h1>{t('admin.sections.staff')}</h1>
      {(await searchParams).saved === '1' && (
        <p className="notice notice-ok" role="status">
          {t('admin.saved')}
        </p>
      )}
      <section aria-labelledby="add-staff" className="form-section">
        <h2 id="add-staff">{t('admin.staffForm.addHeading')}</h2>
        <SettingsForm submit={t('admin.add')} action={saveStaffAction} fields={fields()} />
      </section>
      {/* Deactivating is how staff leave: deleting an auth user would orphan what they wrote (docs/database.md). */}
      <p className="hint" id="remove-staff">
        {t('admin.staffForm.removeHint')}
      </p>
      {settings.staff.map((member) => (
        <details key={member.userId} className="form-section">
          <summary>
            <strong>{member.displayName}</strong> · {member.email} · {t(`roles.${member.role as 'admin'}`)}
            {member.division && ` · ${member.division}`}
            {!member.active && ` · ${t('admin.point.retired')}`}
            {member.isDemo && ` · ${t('admin.staffForm.demo')}`} · {t('admin.staffForm.lastSignIn')}:{' '}
            {member.lastSignInAt ? formatDateTime(member.lastSignInAt, locale) : t('admin.staffForm.never')}
          </summary>
          <SettingsForm submit={t('admin.save')} action={saveStaffAction} fields={fields(member)} />
        </details>
      ))}
    </>
  );
}

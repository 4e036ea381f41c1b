import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { AdminOnly } from '@/components/admin/admin-only';
import { servicePointFields } from '@/components/admin/service-point-fields';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveServicePointAction } from '@/lib/admin/actions/save-service-point-action';
import { loadAdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One service point: its names, division, services, open or retired, and its poster. */
export default async function ServicePointPage({ params, searchParams }: Props) {
  const { locale: segment, slug } = await params;
  const locale = asLocale(segment);
  const session = await requireStaff(locale);
  const settings = await loadAdminSettings(session);
  if (!settings) return <AdminOnly locale={locale} />;
  const point = settings.servicePoints.find((p) => p.slug === slug);
  if (!point) notFound();
  const t = await getTranslations({ locale, namespace: 'staff.admin' });
  return (
    <>
      <p><a href={`/${locale}/staff/admin/service-points`}>← {t('sections.servicePoints')}</a></p>
      <h1>{point.name.th}</h1>
      {(await searchParams).saved === '1' && <p className="notice notice-ok" role="status">{t('saved')}</p>}
      <p>
        {t('point.poster')}: <a href={`/${locale}/staff/admin/posters?point=${point.slug}&size=a4`}>A4</a> ·{' '}
        <a href={`/${locale}/staff/admin/posters?point=${point.slug}&size=a5`}>A5</a>
      </p>
      <h2>{t('point.editHeading')}</h2>
      <SettingsForm submit={t('save')} action={saveServicePointAction} fields={servicePointFields((k) => t(k as 'save'), locale, settings.divisions, point)} />
    </>
  );
}

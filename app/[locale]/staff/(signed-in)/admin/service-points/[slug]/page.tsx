import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { AdminOnly } from '@/components/admin/admin-only';
import { KioskSection } from '@/components/admin/kiosk-section';
import { servicePointFields } from '@/components/admin/service-point-fields';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { saveServicePointAction } from '@/lib/admin/actions/save-service-point-action';
import { loadAdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';
import { loadKioskDevices } from '@/lib/kiosk/kiosk-devices';
import { Link } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * One service point: its names, division, services, open or retired, its poster, and its kiosk tablets. The PR
 * officer sees only the tablets (the database lets them manage kiosks, not the rest of the settings).
 */
export default async function ServicePointPage({ params, searchParams }: Props) {
  const { locale: segment, slug } = await params;
  const locale = asLocale(segment);
  const session = await requireStaff(locale);
  const settings = await loadAdminSettings(session);
  const kiosks = await loadKioskDevices(session, slug);
  const query = await searchParams;
  const revoked = query.revoked === '1';
  const kioskT = await getTranslations({ locale, namespace: 'staff.kiosk' });
  if (!settings) {
    if (!kiosks) return <AdminOnly locale={locale} />;
    return (
      <>
        <h1>{kiosks.servicePoint.name.th}</h1>
        {revoked && (
          <p className="notice notice-ok" role="status">
            {kioskT('revokedNotice')}
          </p>
        )}
        <KioskSection locale={locale} point={slug} devices={kiosks} />
      </>
    );
  }
  const point = settings.servicePoints.find((p) => p.slug === slug);
  if (!point) notFound();
  const t = await getTranslations({ locale, namespace: 'staff.admin' });
  const org = settings.organisation;
  return (
    <>
      <p>
        <Link href="/staff/admin/service-points">← {t('sections.servicePoints')}</Link>
      </p>
      <h1>{point.name.th}</h1>
      {query.saved === '1' && (
        <p className="notice notice-ok" role="status">
          {t('saved')}
        </p>
      )}
      {revoked && (
        <p className="notice notice-ok" role="status">
          {kioskT('revokedNotice')}
        </p>
      )}
      <p>
        {t('point.poster')}: <Link href={`/staff/admin/posters?point=${point.slug}&size=a4`}>A4</Link> ·{' '}
        <Link href={`/staff/admin/posters?point=${point.slug}&size=a5`}>A5</Link>
      </p>
      <h2>{t('point.editHeading')}</h2>
      <SettingsForm
        submit={t('save')}
        action={saveServicePointAction}
        fields={servicePointFields((k) => t(k as 'save'), locale, settings.divisions, point)}
      />
      {kiosks && (
        <KioskSection
          locale={locale}
          point={slug}
          devices={kiosks}
          settings={{
            repeatSeconds: org.kiosk_repeat_seconds,
            burstWindowSeconds: org.kiosk_burst_window_seconds,
            burstMax: org.kiosk_burst_max,
            codeTtlMinutes: org.kiosk_code_ttl_minutes,
          }}
        />
      )}
    </>
  );
}

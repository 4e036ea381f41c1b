import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { AdminOnly } from '@/components/admin/admin-only';
import { QrPoster } from '@/components/admin/qr-poster';
import { asLocale } from '@/i18n/page-locale';
import { loadAdminSettings } from '@/lib/admin/settings';
import { requireStaff } from '@/lib/auth/require-staff';
import { publicBaseUrl } from '@/lib/qr/public-url';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Posters for one counter (?point=slug) or every open counter, A4 or A5 (?size=a5), ready to print. */
export default async function PostersPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const settings = await loadAdminSettings(session);
  if (!settings) return <AdminOnly locale={locale} />;
  const query = await searchParams;
  const size = query.size === 'a5' ? 'a5' : 'a4';
  const only = typeof query.point === 'string' ? query.point : undefined;
  const points = settings.servicePoints.filter((p) => (only ? p.slug === only : p.active));
  const t = await getTranslations({ locale, namespace: 'staff.posters' });
  const { base, configured } = publicBaseUrl(await headers());
  const warning = configured ? undefined : t('noBaseUrl', { base });

  return (
    <>
      <div className="no-print">
        <h1>{t('heading')}</h1>
        {warning && (
          <p className="notice notice-error" role="alert">
            {warning}
          </p>
        )}
        <p>
          {t('size')}: <a href={`?${new URLSearchParams({ ...(only ? { point: only } : {}), size: 'a4' })}`}>A4</a> ·{' '}
          <a href={`?${new URLSearchParams({ ...(only ? { point: only } : {}), size: 'a5' })}`}>A5</a> ·{' '}
          <a href={`?size=${size}`}>{t('all')}</a>
        </p>
        {points.some((p) => !p.active) && <p className="notice notice-error">{t('retired')}</p>}
      </div>
      <div className={`posters posters-${size}`}>
        {points.map((point) => (
          <QrPoster key={point.slug} organisation={settings.organisation.name.th} point={point} base={base} size={size} warning={warning} />
        ))}
      </div>
    </>
  );
}

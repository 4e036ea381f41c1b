import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { asLocale } from '@/i18n/page-locale';
import { requireStaff } from '@/lib/auth/require-staff';
import { textIn } from '@/lib/format/localized-text';
import { formatDateTime } from '@/lib/format/thai-format';
import { loadKioskOverview } from '@/lib/kiosk/kiosk-overview';
import { Link } from '@/i18n/navigation';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'staff.kiosk' });
  return { title: t('overviewHeading') };
}

/**
 * Counter tablets at every counter, for the admin and the PR officer: each row leads to the counter's page, where
 * tablets are paired and revoked (the PR officer sees only the tablets there).
 */
export default async function KiosksPage({ params }: Props) {
  const locale = asLocale((await params).locale);
  const session = await requireStaff(locale);
  const t = await getTranslations({ locale, namespace: 'staff.kiosk' });
  const points = await loadKioskOverview(session);
  if (!points) return <p className="notice notice-error">{t('forbidden')}</p>;
  return (
    <>
      <h1>{t('overviewHeading')}</h1>
      <p>{t('overviewIntro')}</p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('servicePoint')}</th>
              <th scope="col">{t('division')}</th>
              <th scope="col">{t('pairedTablets')}</th>
              <th scope="col">{t('lastSync')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.slug}>
                <td>
                  <Link href={`/staff/admin/service-points/${p.slug}#kiosk-heading`}>{textIn(p.name, locale)}</Link>
                  {!p.active && <span className="muted"> ({t('retiredPoint')})</span>}
                </td>
                <td>{textIn(p.division, locale)}</td>
                <td>{p.tablets}</td>
                <td>{p.lastSyncAt ? formatDateTime(p.lastSyncAt, locale) : t('never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

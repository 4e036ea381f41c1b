import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import type { Locale } from '@/i18n/routing';
import { issueKioskAction } from '@/lib/kiosk/actions/issue-kiosk-action';
import { revokeKioskAction } from '@/lib/kiosk/actions/revoke-kiosk-action';
import { saveKioskSettingsAction } from '@/lib/kiosk/actions/save-kiosk-settings-action';
import type { KioskDevices } from '@/lib/kiosk/kiosk-devices';
import { KIOSK_REASONS } from '@/lib/kiosk/sync-schema';
import { publicBaseUrl } from '@/lib/qr/public-url';
import { formatDateTime } from '@/lib/format/thai-format';
import { SettingsForm } from './settings-form';
import { getPathname } from '@/i18n/navigation';

/**
 * A service point's tablets: issue a device code (shown once; it pairs one tablet, once, before it expires), see each
 * code waiting, expired or paired and what each tablet sent, revoke a tablet or a code not used yet. For the admin and
 * the PR officer (the database decides); the kiosk settings form is the admin's only.
 */
export async function KioskSection({
  locale,
  point,
  devices,
  settings,
}: {
  locale: Locale;
  point: string;
  devices: KioskDevices;
  settings?: { repeatSeconds: number; burstWindowSeconds: number; burstMax: number; codeTtlMinutes: number };
}) {
  const t = await getTranslations({ locale, namespace: 'staff.kiosk' });
  const reasons = await getTranslations({ locale, namespace: 'kiosk.reasons' });
  // A plain <a> below, not Link: the kiosk is an app of its own (manifest, service worker), opened as a new document.
  const kiosk = getPathname({ href: `/kiosk/${point}`, locale });
  const url = publicBaseUrl(await headers()).base + kiosk;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t('never'));
  return (
    <section aria-labelledby="kiosk-heading" className="form-section">
      <h2 id="kiosk-heading">{t('heading')}</h2>
      <p>
        {t('intro', { url })} <a href={kiosk}>{t('openKiosk')}</a>
      </p>
      {devices.devices.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('device')}</th>
                <th scope="col">{t('codeHint')}</th>
                <th scope="col">{t('issued')}</th>
                <th scope="col">{t('lastSync')}</th>
                <th scope="col" className="num">
                  {t('presses')}
                </th>
                <th scope="col" className="num">
                  {t('flagged')}
                </th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.devices.map((d) => (
                <tr key={d.id} data-device={d.label}>
                  <td>{d.label}</td>
                  <td>…{d.codeHint}</td>
                  <td>{when(d.createdAt)}</td>
                  <td>{when(d.lastSyncAt)}</td>
                  <td className="num" data-testid="kiosk-presses">
                    {d.presses}
                  </td>
                  <td className="num">{d.flagged}</td>
                  <td>
                    <span className="kiosk-status">
                      {d.status === 'waiting'
                        ? t('statusWaiting', { expires: when(d.codeExpiresAt) })
                        : d.status === 'expired'
                          ? t('statusExpired')
                          : d.status === 'paired'
                            ? t('statusPaired', { at: when(d.pairedAt) })
                            : t('revoked')}
                    </span>
                    {/* A code not used yet is revoked as a paired tablet is: before anyone can pair with it. */}
                    {(d.status === 'waiting' || d.status === 'paired') && (
                      <SettingsForm
                        submit={t('revoke')}
                        action={revokeKioskAction}
                        fields={[
                          { kind: 'hidden', name: 'locale', value: locale },
                          { kind: 'hidden', name: 'point', value: point },
                          { kind: 'hidden', name: 'id', value: d.id },
                        ]}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SettingsForm
        submit={t('issue')}
        action={issueKioskAction}
        fields={[
          { kind: 'hidden', name: 'locale', value: locale },
          { kind: 'hidden', name: 'point', value: point },
          { kind: 'text', name: 'label', label: t('label'), required: true, maxLength: 60, hint: t('codeOnceHint', { url }) },
        ]}
      />
      <h3>{t('reasonsHeading')}</h3>
      {Object.keys(devices.reasons).length === 0 ? (
        <p className="muted">{t('noReasons')}</p>
      ) : (
        <ul>
          {KIOSK_REASONS.filter((r) => devices.reasons[r]).map((r) => (
            <li key={r}>
              {reasons(r)}: {devices.reasons[r]}
            </li>
          ))}
        </ul>
      )}
      {settings && (
        <>
          <h3>{t('settingsHeading')}</h3>
          <p className="muted">{t('settingsHint')}</p>
          <SettingsForm
            submit={t('saveSettings')}
            action={saveKioskSettingsAction}
            fields={[
              { kind: 'hidden', name: 'locale', value: locale },
              { kind: 'hidden', name: 'point', value: point },
              { kind: 'number', name: 'repeatSeconds', label: t('repeatSeconds'), value: String(settings.repeatSeconds) },
              { kind: 'number', name: 'burstWindowSeconds', label: t('burstWindow'), value: String(settings.burstWindowSeconds) },
              { kind: 'number', name: 'burstMax', label: t('burstMax'), value: String(settings.burstMax) },
              {
                kind: 'number',
                name: 'codeTtlMinutes',
                label: t('codeTtl'),
                hint: t('codeTtlHint'),
                value: String(settings.codeTtlMinutes),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

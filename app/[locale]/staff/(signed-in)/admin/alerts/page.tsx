import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Link, redirect } from '@/i18n/navigation';
import { AdminOnly } from '@/components/admin/admin-only';
import { LineSettings } from '@/components/admin/line-settings';
import { SettingsForm } from '@/components/admin/settings-form';
import { asLocale } from '@/i18n/page-locale';
import { alertConfigFrom } from '@/lib/alerts/alert-config';
import { retryNotificationAction, saveAlertSettingsAction } from '@/lib/alerts/actions/alert-actions';
import { loadAdminAlerts } from '@/lib/alerts/load-alerts';
import { currentStaff } from '@/lib/auth/current-staff';
import { env } from '@/lib/env';
import { textIn } from '@/lib/format/localized-text';
import { formatDateTime } from '@/lib/format/thai-format';

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: asLocale((await params).locale), namespace: 'staff.alerts' });
  return { title: t('metaTitle') };
}

/** Alerts: when to alert, the summary, which channels are configured, the latest alerts and every delivery (failures first). */
export default async function AlertsPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login', locale });
  const data = await loadAdminAlerts(session);
  if (!data) return <AdminOnly locale={locale} />;
  const t = await getTranslations({ locale, namespace: 'staff.alerts' });
  const admin = await getTranslations({ locale, namespace: 'staff.admin' });
  const query = await searchParams;
  const config = alertConfigFrom(env());
  const s = data.settings;
  const when = (iso: string) => formatDateTime(iso, locale);

  return (
    <>
      <p>
        <Link href="/staff/admin">← {admin('heading')}</Link>
      </p>
      <h1>{t('heading')}</h1>
      {query.saved === '1' && (
        <p className="notice notice-ok" role="status">
          {t('saved')}
        </p>
      )}
      {query.retried === '1' && (
        <p className="notice notice-ok" role="status">
          {t('retried')}
        </p>
      )}
      <p>{t('intro')}</p>
      <h2>{t('channels')}</h2>
      <ul>
        <li>
          {t('email')}: {config.smtp ? t('configured') : t('notConfigured')}
        </li>
        <li>
          {t('webhook')}: {config.webhook ? t('configured') : t('notConfigured')}
        </li>
        <li>
          {t('line')}: {config.line?.staffTo.length ? t('configured') : t('notConfigured')}
        </li>
      </ul>
      <LineSettings locale={locale} />
      <SettingsForm
        submit={t('save')}
        action={saveAlertSettingsAction}
        fields={[
          { kind: 'hidden', name: 'locale', value: locale },
          { kind: 'checkbox', name: 'enabled', label: t('enabled'), checked: s.enabled },
          { kind: 'number', name: 'unhappyPercent', label: t('unhappyPercent'), value: String(s.unhappy_percent) },
          { kind: 'number', name: 'windowMinutes', label: t('windowMinutes'), value: String(s.window_minutes) },
          { kind: 'number', name: 'minResponses', label: t('minResponses'), value: String(s.min_responses) },
          {
            kind: 'select',
            name: 'summary',
            label: t('summary'),
            value: s.summary,
            options: [
              { value: 'off', label: t('summaryOff') },
              { value: 'daily', label: t('summaryDaily') },
              { value: 'weekly', label: t('summaryWeekly') },
            ],
          },
          { kind: 'number', name: 'summaryHour', label: t('summaryHour'), value: String(s.summary_hour) },
        ]}
      />
      <h2>{t('eventsHeading')}</h2>
      {data.events.length === 0 ? (
        <p className="muted">{t('noEvents')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('point')}</th>
                <th scope="col">{t('window')}</th>
                <th scope="col" className="num">
                  {t('counts')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link href={`/staff?servicePoint=${e.servicePoint}`}>{textIn(e.name, locale)}</Link>
                  </td>
                  <td>
                    {when(e.windowStart)} – {when(e.windowEnd)}
                  </td>
                  <td className="num">
                    {e.unhappy} / {e.responses}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('outboxHeading')}</h2>
      <p>{t('outboxCounts', { ...data.counts })}</p>
      {data.outbox.length === 0 ? (
        <p className="muted">{t('noOutbox')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('created')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col">{t('channel')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" className="num">
                  {t('attempts')}
                </th>
                <th scope="col">{t('lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {data.outbox.map((o) => (
                <tr key={o.id}>
                  <td>{when(o.createdAt)}</td>
                  <td>{t(`kinds.${o.kind}`)}</td>
                  <td>{o.channel === 'email' ? t('email') : o.channel === 'line' ? t('line') : t('webhook')}</td>
                  <td>{t(`statuses.${o.status}`)}</td>
                  <td className="num">{o.attempts}</td>
                  <td>
                    {o.lastError ?? '—'}
                    {o.status === 'failed' && (
                      <SettingsForm
                        submit={t('retry')}
                        action={retryNotificationAction}
                        fields={[
                          { kind: 'hidden', name: 'locale', value: locale },
                          { kind: 'hidden', name: 'id', value: String(o.id) },
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
    </>
  );
}

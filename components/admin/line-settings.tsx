import { getTranslations } from 'next-intl/server';
import { SettingsForm } from '@/components/admin/settings-form';
import type { Locale } from '@/i18n/routing';
import { env } from '@/lib/env';
import { sendLineTestAction } from '@/lib/line/actions/line-test-action';
import { lineConfigFrom, lineSettingsPresent } from '@/lib/line/line-config';

/** The admin's view of LINE: which settings are present (never their values), the webhook URL, a test message. */
export async function LineSettings({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'staff.alerts' });
  const config = lineConfigFrom(env());
  return (
    <section aria-labelledby="line-heading">
      <h2 id="line-heading">{t('lineHeading')}</h2>
      <p>{config ? t('lineIntro') : t('lineOff')}</p>
      <ul>
        {lineSettingsPresent(env()).map((s) => (
          <li key={s.name}>
            <code>{s.name}</code>: {s.present ? t('linePresent') : t('lineMissing')}
          </li>
        ))}
      </ul>
      {config && (
        <>
          <p>
            {t('lineWebhookUrl')}: <code data-testid="line-webhook-url">{config.webhookUrl}</code>
          </p>
          {config.staffTo.length === 0 ? (
            <p className="muted">{t('lineNoStaff')}</p>
          ) : (
            <SettingsForm submit={t('lineTest')} action={sendLineTestAction} fields={[{ kind: 'hidden', name: 'locale', value: locale }]} />
          )}
        </>
      )}
    </section>
  );
}

import type { Env } from '@/lib/env';

/**
 * Where alerts go, from the environment (lib/env.ts). Email needs SMTP_URL or SMTP_HOST, and someone to send to
 * (ALERT_EMAIL_TO, or the PR officers for summaries); the webhook needs ALERT_WEBHOOK_URL and its secret. A channel
 * that is not configured is not used, and nothing is enqueued for it.
 */
export interface AlertConfig {
  smtp?: { url: string } | { host: string; port: number; secure: boolean; auth?: { user: string; pass: string } };
  from: string;
  emailTo: string[];
  webhook?: { url: string; secret: string };
  baseUrl: string;
}

type AlertEnv = Pick<Env, 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASS' | 'SMTP_SECURE' | 'SMTP_FROM' | 'ALERT_EMAIL_TO' | 'ALERT_WEBHOOK_URL' | 'ALERT_WEBHOOK_SECRET' | 'PUBLIC_BASE_URL'>;

export function alertConfigFrom(env: AlertEnv): AlertConfig {
  const smtp = env.SMTP_URL
    ? { url: env.SMTP_URL }
    : env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: env.SMTP_PORT ?? 587,
          secure: env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : env.SMTP_PORT === 465,
          auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? '' } : undefined,
        }
      : undefined;
  return {
    smtp,
    from: env.SMTP_FROM ?? 'Siang <siang@localhost>',
    emailTo: (env.ALERT_EMAIL_TO ?? '').split(',').map((a) => a.trim()).filter(Boolean),
    webhook: env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET ? { url: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET } : undefined,
    baseUrl: (env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };
}

/** The channels worth enqueueing for: email only with a server to send through. */
export function configuredChannels(config: AlertConfig): ('email' | 'webhook')[] {
  return [...(config.smtp ? (['email'] as const) : []), ...(config.webhook ? (['webhook'] as const) : [])];
}

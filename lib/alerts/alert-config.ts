import type { Env } from '@/lib/env';
import { lineConfigFrom, type LineConfig } from '@/lib/line/line-config';

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
  /** LINE's Messaging API: staff notices to LINE_STAFF_TO, and linked citizens' notices (lib/line). */
  line?: LineConfig;
  baseUrl: string;
}

type AlertEnv = Pick<
  Env,
  | 'SMTP_URL'
  | 'SMTP_HOST'
  | 'SMTP_PORT'
  | 'SMTP_USER'
  | 'SMTP_PASS'
  | 'SMTP_SECURE'
  | 'SMTP_FROM'
  | 'ALERT_EMAIL_TO'
  | 'ALERT_WEBHOOK_URL'
  | 'ALERT_WEBHOOK_SECRET'
  | 'PUBLIC_BASE_URL'
> &
  Partial<
    Pick<
      Env,
      | 'LINE_CHANNEL_ID'
      | 'LINE_CHANNEL_SECRET'
      | 'LINE_CHANNEL_ACCESS_TOKEN'
      | 'LIFF_ID'
      | 'LINE_STAFF_TO'
      | 'LINE_API_BASE_URL'
      | 'LINE_LIFF_MOCK'
    >
  >;

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
    emailTo: (env.ALERT_EMAIL_TO ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    webhook:
      env.ALERT_WEBHOOK_URL && env.ALERT_WEBHOOK_SECRET ? { url: env.ALERT_WEBHOOK_URL, secret: env.ALERT_WEBHOOK_SECRET } : undefined,
    line: lineConfigFrom(env) ?? undefined,
    baseUrl: (env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
  };
}

/**
 * The channels worth enqueueing for: email only with a server to send through; LINE whenever the Messaging API is
 * configured: 'line' (staff notices) needs LINE_STAFF_TO, 'line_citizens' (the citizens who linked LINE) only the
 * channel.
 */
export function configuredChannels(config: AlertConfig): ('email' | 'webhook' | 'line' | 'line_citizens')[] {
  return [
    ...(config.smtp ? (['email'] as const) : []),
    ...(config.webhook ? (['webhook'] as const) : []),
    ...(config.line?.staffTo.length ? (['line'] as const) : []),
    ...(config.line ? (['line_citizens'] as const) : []),
  ];
}

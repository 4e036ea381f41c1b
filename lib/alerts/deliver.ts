import nodemailer, { type Transporter } from 'nodemailer';
import type { messagingApi } from '@line/bot-sdk';
import { citizenText, lineLang, staffText, type CitizenPayload, type RoutingPayload } from '@/lib/line/compose-line';
import { messagingClient, pushText } from '@/lib/line/messaging';
import type { Db } from '@/lib/db';
import { deliverNotice } from '@/lib/notices/deliver-notice';
import type { ResolvedPayload, RoutedPayload } from '@/lib/notices/types';
import type { AlertConfig } from './alert-config';
import { composeAlert, composeSummary, type AlertPayload, type SummaryPayload } from './compose';
import { signWebhook } from './webhook-signature';

/** One claimed outbox row, as notification_claim returns it. */
export interface OutboxRow {
  id: number;
  kind: 'alert' | 'summary' | 'routing' | 'citizen' | 'routed' | 'resolved';
  channel: 'email' | 'webhook' | 'line';
  payload: AlertPayload | SummaryPayload | RoutingPayload | CitizenPayload | RoutedPayload | ResolvedPayload;
  /** Staff addresses; for a citizen's LINE notice, their LINE id, read at claim time and never stored in the row. */
  recipients: string[] | null;
  attempts: number;
  dedupe_key: string;
  /** A citizen's LINE notice: the language they linked in. */
  locale?: string | null;
}

/** One Messaging API client for a run of the job (null when LINE is not configured). */
export function lineClient(config: AlertConfig): messagingApi.MessagingApiClient | null {
  return config.line ? messagingClient(config.line) : null;
}

async function deliverLine(row: OutboxRow, config: AlertConfig, client: messagingApi.MessagingApiClient | null): Promise<void> {
  if (!config.line || !client) throw new Error('LINE is not configured');
  const { payload } = row;
  if (payload.type === 'citizen') {
    await pushText(client, row.recipients ?? [], citizenText(payload, config.baseUrl, lineLang(row.locale)), row.dedupe_key);
    return;
  }
  if (payload.type !== 'alert' && payload.type !== 'summary' && payload.type !== 'routing') {
    throw new Error(`a ${payload.type} notice does not go by LINE`);
  }
  if (config.line.staffTo.length === 0) throw new Error('no LINE recipient: set LINE_STAFF_TO');
  await pushText(client, config.line.staffTo, staffText(payload, config.baseUrl), row.dedupe_key);
}

const TIMEOUT_MS = 20_000;

export function mailTransport(config: AlertConfig): Transporter | null {
  if (!config.smtp) return null;
  const options = 'url' in config.smtp ? config.smtp.url : config.smtp;
  return nodemailer.createTransport(options as never, { from: config.from });
}

/** Send one row; throws with a short reason on failure (the caller records it and retries later). */
export async function deliver(
  row: OutboxRow,
  config: AlertConfig,
  transport: Transporter | null,
  lineApi: messagingApi.MessagingApiClient | null = null,
  db?: Db,
): Promise<void> {
  // Notices to a division or a citizen by email (15_notices.sql) have their own recipients and words.
  if (row.kind === 'routed' || row.kind === 'resolved') {
    if (!db) throw new Error('a notice needs the database to be sent');
    return deliverNotice(row, config, transport, db);
  }
  if (row.channel === 'line') return deliverLine(row, config, lineApi);
  if (row.payload.type !== 'alert' && row.payload.type !== 'summary') throw new Error(`a ${row.payload.type} notice goes by LINE only`);
  if (row.channel === 'email') {
    if (!transport) throw new Error('SMTP is not configured');
    const to = [...new Set([...(row.recipients ?? []), ...config.emailTo])];
    if (to.length === 0) throw new Error('no recipient: set ALERT_EMAIL_TO or add a PR officer');
    const { subject, text } =
      row.payload.type === 'alert' ? composeAlert(row.payload, config.baseUrl) : composeSummary(row.payload, config.baseUrl);
    await transport.sendMail({ to, subject, text, headers: { 'X-Siang-Delivery': row.dedupe_key } });
    return;
  }
  if (!config.webhook) throw new Error('the webhook is not configured');
  if (row.payload.type !== 'alert') throw new Error('only alerts go to the webhook');
  const { line, url } = composeAlert(row.payload, config.baseUrl);
  const { servicePoint, responses, unhappy, unhappyPercent, windowStart, windowEnd, alertId } = row.payload;
  // A chat-ready line ("text") for a LINE bot or any chat, and the figures for a program. Counts and links only.
  const body = JSON.stringify({
    type: 'alert',
    alertId,
    servicePoint: { slug: servicePoint.slug, name: servicePoint.name.th },
    responses,
    unhappy,
    unhappyPercent,
    windowStart,
    windowEnd,
    dashboardUrl: url,
    text: `${line}\n${url}`,
  });
  const response = await fetch(config.webhook.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-siang-signature': signWebhook(body, config.webhook.secret),
      'x-siang-event': 'alert',
      'x-siang-delivery': row.dedupe_key,
    },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

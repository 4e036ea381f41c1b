import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { getDb, serviceRole, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { scheduleJob } from '@/lib/jobs/schedule';
import { log } from '@/lib/log';
import { alertConfigFrom, configuredChannels, type AlertConfig } from './alert-config';
import { deliver, lineClient, mailTransport } from './deliver';

/**
 * The alert job, run every minute by each app instance: (1) alerts_evaluate decides (one instance at a time) and
 * writes alerts and due summaries to the outbox; (2) this instance claims due rows (SKIP LOCKED: never a row another
 * instance holds) and sends each; (3) notification_finish records sent, or a retry with backoff, or failed.
 */

const WORKER = `${hostname().slice(0, 40)}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface AlertJobResult {
  alerts: number;
  summaries: number;
  sent: number;
  failed: number;
}

export async function runAlertJob(options: { db?: Db; config?: AlertConfig; worker?: string } = {}): Promise<AlertJobResult> {
  const db = options.db ?? (await getDb());
  const config = options.config ?? alertConfigFrom(env());
  const worker = options.worker ?? WORKER;
  const decided = await db.rpc('alerts_evaluate', { p_channels: configuredChannels(config) }, serviceRole);
  const result: AlertJobResult = { alerts: decided.alerts ?? 0, summaries: decided.summaries ?? 0, sent: 0, failed: 0 };

  const transport = mailTransport(config);
  const line = lineClient(config);
  try {
    for (;;) {
      const rows = await db.rpc('notification_claim', { p_worker: worker, p_limit: 10 }, serviceRole);
      if (rows.length === 0) break;
      for (const row of rows) {
        let error: string | null = null;
        try {
          await deliver(row, config, transport, line, db);
          result.sent++;
        } catch (e) {
          error = (e as Error).message.slice(0, 500) || 'failed';
          result.failed++;
        }
        const status = await db.rpc('notification_finish', { p_id: row.id, p_worker: worker, p_error: error }, serviceRole);
        if (error)
          log.warn(
            { job: 'alerts', id: row.id, channel: row.channel, attempts: row.attempts, status, err: error },
            'notification not delivered',
          );
      }
      if (rows.length < 10) break;
    }
  } finally {
    transport?.close();
  }
  if (result.alerts || result.summaries || result.sent || result.failed) log.info({ job: 'alerts', ...result }, 'alert job ran');
  return result;
}

/** From the server's start: every ALERT_JOB_SECONDS (default 60). The timer does not keep the process alive. */
export function scheduleAlertJob(): void {
  const every = env().ALERT_JOB_SECONDS * 1000;
  scheduleJob({ name: 'alert job', firstMs: Math.min(every, 20_000), everyMs: every, run: runAlertJob });
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { alertConfigFrom, type AlertConfig } from '../../lib/alerts/alert-config';
import { runAlertJob } from '../../lib/alerts/alert-job';
import { verifyWebhook } from '../../lib/alerts/webhook-signature';
import { onEveryDatabase } from './databases';
import { ownerQuery, submission, submit } from './fixtures';

/**
 * Delivery end to end: a real SMTP listener (smtp-server) and a tiny HTTP server on this machine receive what the
 * alert job sends. A burst of unhappy ratings arrives exactly once on each channel, however often the job runs; a
 * happy burst sends nothing; the webhook's signature verifies; a failing receiver is retried, never lost.
 */

interface Mail {
  to: string[];
  raw: string;
}

/** The body of a quoted-printable message as text (enough for the assertions). */
function quotedPrintable(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '=' && /^[0-9A-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(body[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
const SECRET = 'webhook-secret-for-the-test-0123';

onEveryDatabase('alert delivery', (db) => {
  const mails: Mail[] = [];
  const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let hookStatus = 200;
  let smtp: SMTPServer;
  let hookServer: http.Server;
  let config: AlertConfig;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    hookServer = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        hooks.push({ headers: request.headers, body });
        response.writeHead(hookStatus).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    config = alertConfigFrom({
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      SMTP_FROM: 'Siang <alerts@example.go.th>',
      ALERT_EMAIL_TO: 'duty-officer@example.go.th',
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/siang`,
      ALERT_WEBHOOK_SECRET: SECRET,
      PUBLIC_BASE_URL: 'https://feedback.example.go.th',
    } as Parameters<typeof alertConfigFrom>[0]);
    await ownerQuery(db(), "update alert_setting set summary = 'off'");
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
  });
  const rate = async (point: string, ratings: number[], extra: Record<string, unknown> = {}) => {
    for (const r of ratings) await submit(db(), submission({ service_point: point, overall_rating: r, ...extra }));
  };

  it('sends nothing for a happy burst', async () => {
    await rate('civil-registration', [5, 5, 4, 5, 5, 4]);
    await runAlertJob({ db: db(), config, worker: 'test-a' });
    expect(mails).toEqual([]);
    expect(hooks).toEqual([]);
  });

  it('sends an unhappy burst exactly once by email and once by a signed webhook, with no personal data', async () => {
    await rate('land-building-tax', [1, 2, 1, 1, 4], {
      suggestion: { text: 'ข้อความส่วนตัว' },
      contact: { consent: true, email: 'citizen@example.org' },
    });
    // Two instances run the job at once, then again: still one email and one webhook call.
    await Promise.all([runAlertJob({ db: db(), config, worker: 'test-a' }), runAlertJob({ db: db(), config, worker: 'test-b' })]);
    await runAlertJob({ db: db(), config, worker: 'test-a' });
    expect(mails).toHaveLength(1);
    expect(hooks).toHaveLength(1);

    const mail = mails[0]!;
    expect(mail.to).toEqual(['duty-officer@example.go.th']);
    const text = quotedPrintable(mail.raw);
    expect(text).toContain('ไม่พอใจ 4 จาก 5 คำตอบ (ร้อยละ 80)');
    expect(text).toContain('https://feedback.example.go.th/th/staff?servicePoint=land-building-tax');
    expect(text).not.toContain('citizen@example.org');
    expect(text).not.toContain('ข้อความส่วนตัว');

    const hook = hooks[0]!;
    expect(verifyWebhook(hook.headers['x-siang-signature'] as string, hook.body, SECRET)).toBe(true);
    expect(verifyWebhook(hook.headers['x-siang-signature'] as string, hook.body.replace('"unhappy":4', '"unhappy":0'), SECRET)).toBe(false);
    const body = JSON.parse(hook.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'alert',
      responses: 5,
      unhappy: 4,
      unhappyPercent: 80,
      servicePoint: { slug: 'land-building-tax' },
      dashboardUrl: 'https://feedback.example.go.th/th/staff?servicePoint=land-building-tax',
    });
    expect(hook.body).not.toContain('citizen@example.org');
    expect(hook.body).not.toContain('ข้อความส่วนตัว');
    const statuses = await ownerQuery<{ status: string }>(db(), "select status from notification_outbox where kind = 'alert'");
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'sent']);
  });

  it('keeps a delivery the receiver refused, and sends it once the receiver is back', async () => {
    hookStatus = 500;
    await rate('waste-fees', [1, 1, 2, 2]);
    await runAlertJob({ db: db(), config, worker: 'test-a' });
    expect(mails).toHaveLength(2);
    expect(hooks).toHaveLength(2); // tried, refused
    const [pending] = await ownerQuery<{ status: string; attempts: number; last_error: string }>(
      db(),
      "select status, attempts, last_error from notification_outbox where channel = 'webhook' order by id desc limit 1",
    );
    expect(pending).toEqual({ status: 'pending', attempts: 1, last_error: 'webhook answered 500' });

    hookStatus = 200;
    await runAlertJob({ db: db(), config, worker: 'test-a' }); // not due yet: backoff
    expect(hooks).toHaveLength(2);
    await ownerQuery(db(), "update notification_outbox set next_attempt_at = now() where status = 'pending'");
    await runAlertJob({ db: db(), config, worker: 'test-a' });
    expect(hooks).toHaveLength(3);
    expect(hooks[2]!.headers['x-siang-delivery']).toBe(hooks[1]!.headers['x-siang-delivery']); // the same delivery, for receivers to drop a repeat
    expect(mails).toHaveLength(2);
  });
});

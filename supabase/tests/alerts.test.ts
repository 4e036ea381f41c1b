import { beforeAll, expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * Alerts in SQL: the threshold, one alert per burst, flagged responses ignored, summaries enqueued once per period,
 * and the outbox: concurrent claimers never share a row, failures back off and end as 'failed' for the admin.
 */
onEveryDatabase('alerts and the outbox', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
    await ownerQuery(db(), "update alert_setting set summary = 'off'");
  });
  const evaluate = (channels = ['email', 'webhook']) => db().rpc('alerts_evaluate', { p_channels: channels }, serviceRole);
  const rate = async (point: string, ratings: number[], extra: Record<string, unknown> = {}) => {
    for (const r of ratings) await submit(db(), submission({ service_point: point, overall_rating: r, ...extra }));
  };

  it('raises one alert for a burst of unhappy ratings, none for a happy burst, and not again for the same window', async () => {
    await rate('building-permit', [5, 4, 5, 4, 5, 2]);
    await rate('welfare-allowance', [1, 2, 4]); // unhappy, but fewer than 4 responses
    expect(await evaluate()).toEqual({ alerts: 0, summaries: 0 });
    await rate('complaints-centre', [1, 2, 1, 5]); // 3 of 4 unhappy: 75 % ≥ 50 %
    expect(await evaluate()).toEqual({ alerts: 1, summaries: 0 });
    expect(await evaluate()).toEqual({ alerts: 0, summaries: 0 });
    const outbox = await ownerQuery<{ kind: string; channel: string; payload: Record<string, unknown> }>(
      db(),
      "select kind, channel, payload from notification_outbox where kind = 'alert' order by id",
    );
    expect(outbox.map((o) => `${o.kind}/${o.channel}`)).toEqual(['alert/email', 'alert/webhook']);
    expect(outbox[0]!.payload).toMatchObject({
      type: 'alert',
      responses: 4,
      unhappy: 3,
      unhappyPercent: 75,
      servicePoint: { slug: 'complaints-centre' },
    });

    // One more unhappy rating is a new window with one response: no alert. Four more make a new burst: one alert.
    await rate('complaints-centre', [1]);
    expect((await evaluate()).alerts).toBe(0);
    await rate('complaints-centre', [2, 2, 1]);
    expect((await evaluate()).alerts).toBe(1);
    const events = await ownerQuery<{ responses: number; unhappy: number }>(db(), 'select responses, unhappy from alert_event order by id');
    expect(events).toEqual([
      { responses: 4, unhappy: 3 },
      { responses: 4, unhappy: 4 },
    ]);
  });

  it('ignores flagged (ballot-stuffing) responses, and raises nothing when no channel is configured', async () => {
    await rate('land-building-tax', [1, 1, 1, 1, 1, 1], { flag: 'burst_address' });
    expect((await evaluate()).alerts).toBe(0);
    await rate('waste-fees', [1, 1, 1, 1]);
    expect(await evaluate([])).toEqual({ alerts: 0, summaries: 0 });
    expect(
      await ownerQuery(db(), "select 1 from alert_event e join service_point p on p.id = e.service_point_id where p.slug = 'waste-fees'"),
    ).toEqual([]);
  });

  it('carries no personal data in any notification', async () => {
    await rate('child-development-centre', [1, 1, 1, 1], {
      suggestion: { text: 'ความลับ 0899999999' },
      contact: { consent: true, phone: '0899999999', name: 'นางสาวลับ' },
    });
    // Two: this burst, and waste-fees' from the test before, now that there is a channel to send it on.
    expect((await evaluate()).alerts).toBe(2);
    const payloads = JSON.stringify(await ownerQuery(db(), 'select payload, recipients from notification_outbox'));
    expect(payloads).not.toContain('0899999999');
    expect(payloads).not.toContain('นางสาวลับ');
    expect(payloads).not.toContain('ความลับ');
  });

  it('enqueues the summary once per period, addressed to the PR officers', async () => {
    await ownerQuery(db(), "update alert_setting set summary = 'daily', summary_hour = 0");
    expect((await evaluate(['email'])).summaries).toBe(1);
    expect((await evaluate(['email'])).summaries).toBe(0);
    const [row] = await ownerQuery<{ recipients: string[]; payload: { type: string; period: string } }>(
      db(),
      "select recipients, payload from notification_outbox where kind = 'summary'",
    );
    expect(row!.payload).toMatchObject({ type: 'summary', period: 'daily' });
    expect(row!.recipients.length).toBeGreaterThan(0);
    expect(row!.recipients.every((r) => r.startsWith('pr-'))).toBe(true);
    await ownerQuery(db(), "update alert_setting set summary = 'off'");
  });

  it('never gives one row to two concurrent claimers', async () => {
    await ownerQuery(
      db(),
      `insert into notification_outbox (kind, channel, dedupe_key, payload)
      select 'alert', 'webhook', 'claim-test-' || g, '{"type": "alert"}' from generate_series(1, 60) g`,
    );
    const due = (await ownerQuery<{ n: number }>(db(), "select count(*)::int as n from notification_outbox where status = 'pending'"))[0]!
      .n;
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => db().rpc('notification_claim', { p_worker: `worker-${i}`, p_limit: 9 }, serviceRole)),
    );
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(Math.min(due, 12 * 9));
    // Each row is held by exactly the worker that claimed it; another worker cannot finish it.
    const [first] = claims.find((c) => c.length > 0)!;
    expect(await db().rpc('notification_finish', { p_id: first!.id, p_worker: 'someone-else', p_error: null }, serviceRole)).toBe(
      'not_claimed',
    );
  });

  it('backs off after a failure and leaves the row failed, visible to the admin, after 8 attempts', async () => {
    await ownerQuery(db(), "update notification_outbox set status = 'sent' where status <> 'sent'");
    await ownerQuery(
      db(),
      `insert into notification_outbox (kind, channel, dedupe_key, payload) values ('alert', 'email', 'backoff-test', '{"type": "alert"}')`,
    );
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      const [row] = await db().rpc('notification_claim', { p_worker: 'w', p_limit: 1 }, serviceRole);
      const status = await db().rpc('notification_finish', { p_id: row!.id, p_worker: 'w', p_error: 'connection refused' }, serviceRole);
      const [o] = await ownerQuery<{ delay: number }>(
        db(),
        "select extract(epoch from next_attempt_at - now())::int as delay from notification_outbox where dedupe_key = 'backoff-test'",
      );
      delays.push(o!.delay);
      expect(status).toBe(attempt < 8 ? 'pending' : 'failed');
      await ownerQuery(db(), "update notification_outbox set next_attempt_at = now() where dedupe_key = 'backoff-test'");
    }
    expect(delays.slice(0, 5)).toEqual([30, 60, 120, 240, 480]);
    const admin = await db().rpc('admin_alerts', {}, world.callers.admin);
    expect(admin.counts.failed).toBe(1);
    expect(admin.outbox[0]).toMatchObject({ status: 'failed', lastError: 'connection refused' });
    await db().rpc('admin_retry_notification', { p_id: admin.outbox[0]!.id }, world.callers.admin);
    expect((await db().rpc('notification_claim', { p_worker: 'w', p_limit: 5 }, serviceRole)).map((r) => r.id)).toEqual([
      admin.outbox[0]!.id,
    ]);
  });

  it('lets only the admin change the settings, refusing values out of range beside their field', async () => {
    const change = (c: unknown, who: keyof World['callers'] = 'admin') =>
      db().rpc('admin_update_alert_settings', { p_changes: c }, world.callers[who]);
    for (const [changes, field] of [
      [{ unhappyPercent: 150 }, 'unhappyPercent'],
      [{ windowMinutes: 1 }, 'windowMinutes'],
      [{ minResponses: 2.5 }, 'minResponses'],
      [{ summaryHour: 24 }, 'summaryHour'],
      [{ summary: 'hourly' }, 'summary'],
      [{ enabled: 'yes' }, 'enabled'],
    ] as const) {
      const e = await refusal(change(changes));
      expect([e.code, e.detail], JSON.stringify(changes)).toEqual(['22023', field]);
    }
    expect((await refusal(change({ minResponses: 5 }, 'pr'))).code).toBe('42501');
    await change({ unhappyPercent: 60, windowMinutes: 30, minResponses: 5, summary: 'weekly', summaryHour: 9, enabled: true });
    const [s] = await ownerQuery(db(), 'select unhappy_percent, window_minutes, min_responses, summary, summary_hour from alert_setting');
    expect(s).toEqual({ unhappy_percent: 60, window_minutes: 30, min_responses: 5, summary: 'weekly', summary_hour: 9 });
    const audit = await ownerQuery(db(), "select after from audit_log where entity = 'alert_setting' and actor_role = 'admin'");
    expect(audit).toEqual([{ after: { unhappy_percent: 60, window_minutes: 30, min_responses: 5, summary: 'weekly', summary_hour: 9 } }]);
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { alertConfigFrom, type AlertConfig } from '../../lib/alerts/alert-config';
import { runAlertJob } from '../../lib/alerts/alert-job';
import { serviceRole } from '../../lib/db/types';
import { startLineStandIn, type LineStandIn } from '../../lib/line/testing/line-stand-in';
import { onEveryDatabase } from './databases';
import { ownerQuery, submission, submit } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * LINE through the outbox, end to end: @line/bot-sdk pushes to a local stand-in for the Messaging API. An alert and a
 * routing notice reach the staff chat once each however often the job runs; a push LINE refuses is retried with
 * backoff, then sent (LINE's retry key keeps it single); a citizen who linked LINE gets replies and status changes in
 * their language, nothing after erasing the link; and nothing pushed ever holds a name, phone, email or the
 * citizen's own words.
 */

const TOKEN = 'stand-in-channel-access-token-0123456789';
const STAFF_GROUP = `C${'a'.repeat(32)}`;
const CITIZEN = `U${'1'.repeat(31)}b`;
const PRIVATE = { name: 'สมหญิง ลับเฉพาะ', phone: '0891112233', email: 'somying.private@example.org', text: 'ข้อความส่วนตัวของประชาชน' };

onEveryDatabase('LINE delivery', (db) => {
  let line: LineStandIn;
  let config: AlertConfig;
  let world: World;

  beforeAll(async () => {
    line = await startLineStandIn({ accessToken: TOKEN });
    config = alertConfigFrom({
      PUBLIC_BASE_URL: 'https://feedback.example.go.th',
      LINE_CHANNEL_ID: '1650000000',
      LINE_CHANNEL_SECRET: 'f'.repeat(32),
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LIFF_ID: '1650000001-AbCdEfGh',
      LINE_STAFF_TO: STAFF_GROUP,
      LINE_API_BASE_URL: line.url,
    } as Parameters<typeof alertConfigFrom>[0]);
    await ownerQuery(db(), "update alert_setting set summary = 'off'");
    world = await buildWorld(db());
  });
  afterAll(async () => line.close());

  const job = (worker = 'line-a') => runAlertJob({ db: db(), config, worker });
  const suggestionOf = async (reference: string) =>
    Number(
      (
        await ownerQuery<{ id: number }>(
          db(),
          'select s.id from suggestion s join response r on r.id = s.response_id where r.reference = $1',
          [reference],
        )
      )[0]!.id,
    );
  const triage = async (id: number, changes: Record<string, unknown>) => {
    const [row] = await ownerQuery<{ version: number }>(db(), 'select version from suggestion where id = $1', [id]);
    return db().rpc('triage_suggestion', { p_id: id, p_version: row!.version, p_changes: changes }, world.callers.pr);
  };
  const noPersonalData = () => {
    for (const request of line.raw) {
      for (const secret of [PRIVATE.name, PRIVATE.phone, PRIVATE.email, PRIVATE.text, '0812345678']) expect(request).not.toContain(secret);
    }
  };

  it('pushes an unhappy burst to the staff chat once, with counts and a link only', async () => {
    for (const r of [1, 2, 1, 1, 4]) {
      await submit(
        db(),
        submission({
          service_point: 'complaints-centre',
          overall_rating: r,
          suggestion: { text: PRIVATE.text },
          contact: { consent: true, name: PRIVATE.name, phone: PRIVATE.phone, email: PRIVATE.email },
        }),
      );
    }
    await Promise.all([job('line-a'), job('line-b')]);
    await job('line-a');
    const alerts = line.pushes.filter((p) => p.text.includes('ไม่พอใจ 4 จาก 5 คำตอบ (ร้อยละ 80)'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.to).toBe(STAFF_GROUP);
    expect(alerts[0]!.text).toContain('https://feedback.example.go.th/th/staff?servicePoint=complaints-centre');
    noPersonalData();
  });

  it('pushes a routing notice once: the division, the category and a link, not the suggestion', async () => {
    const before = line.pushes.length;
    await triage(world.suggestions.unassigned, { division: 'engineering', category: 'facilities' });
    await job();
    await job();
    const notices = line.pushes.slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to).toBe(STAFF_GROUP);
    expect(notices[0]!.text).toContain(`https://feedback.example.go.th/th/staff/feedback/${world.suggestions.unassigned}`);
    expect(notices[0]!.text).toContain('กองช่าง');
    expect(notices[0]!.text).not.toContain('ข้อเสนอแนะ waste-fees'); // the citizen's words (buildWorld's text)
    noPersonalData();
  });

  it('retries a push LINE refused, with backoff, and sends it once when LINE is back', async () => {
    line.failNextPushes(1);
    const before = line.pushes.length;
    await triage(world.suggestions.clerk, { division: 'finance' });
    await job();
    expect(line.pushes).toHaveLength(before);
    const [row] = await ownerQuery<{ status: string; attempts: number; last_error: string }>(
      db(),
      "select status, attempts, last_error from notification_outbox where kind = 'routing' order by id desc limit 1",
    );
    expect(row).toEqual({ status: 'pending', attempts: 1, last_error: 'LINE answered 500' });
    await job(); // not due yet
    expect(line.pushes).toHaveLength(before);
    await ownerQuery(db(), "update notification_outbox set next_attempt_at = now() where status = 'pending'");
    await job();
    expect(line.pushes).toHaveLength(before + 1);
    const shown = await db().rpc('admin_alerts', {}, world.callers.admin);
    expect(shown.outbox.some((o) => o.channel === 'line' && o.kind === 'routing' && o.status === 'sent' && o.attempts === 2)).toBe(true);
  });

  it('pushes replies and status changes to a citizen who linked LINE, in their language, and nothing once they erase it', async () => {
    const key = randomUUID();
    const receipt = randomBytes(16).toString('base64url'); // what the citizen's browser holds
    const { reference, checkCode } = await submit(
      db(),
      submission({ client_key: key, receipt, service_point: 'civil-registration', locale: 'en', suggestion: { text: PRIVATE.text } }),
    );
    const code = `${reference}-${checkCode}`; // what the receipt shows, and the tracking page asks for
    const id = await suggestionOf(reference);
    expect(await db().rpc('line_link_status', { p_client_key: key, p_receipt: receipt }, serviceRole)).toEqual({
      reference,
      hasSuggestion: true,
      linked: false,
    });
    expect(
      await db().rpc('line_link', { p_client_key: key, p_receipt: receipt, p_line_user_id: CITIZEN, p_locale: 'en' }, serviceRole),
    ).toEqual({ linked: true });
    // Staff may read contact details, but never the LINE id.
    const [contact] = await ownerQuery<{ line_user_id: string }>(db(), 'select line_user_id from contact_detail where suggestion_id = $1', [
      id,
    ]);
    expect(contact!.line_user_id).toBe(CITIZEN);
    await expect(ownerQuery(db(), `select 1`)).resolves.toBeDefined();

    const before = line.pushes.length;
    await triage(id, { status: 'acknowledged', reply: 'Thank you, we are looking into it.' });
    await job();
    const toCitizen = line.pushes.slice(before).filter((p) => p.to === CITIZEN);
    expect(toCitizen.map((p) => p.text).sort()).toEqual(
      [
        `${code} is now: Read by our staff\nFollow it: https://feedback.example.go.th/en/track/${code}`,
        `The municipality replied about ${code}:\nThank you, we are looking into it.\n\nFollow it: https://feedback.example.go.th/en/track/${code}`,
      ].sort(),
    );

    // The client key alone (as in the receipt's address) neither reads, nor cuts, nor redirects the link.
    const stranger = randomBytes(16).toString('base64url');
    expect(await db().rpc('line_link_status', { p_client_key: key, p_receipt: stranger }, serviceRole)).toBeNull();
    expect(await db().rpc('line_unlink', { p_client_key: key, p_receipt: stranger }, serviceRole)).toEqual({ unlinked: false });
    expect(
      await db().rpc('line_link', { p_client_key: key, p_receipt: stranger, p_line_user_id: `U${'e'.repeat(32)}` }, serviceRole),
    ).toEqual({ linked: false });
    expect(
      (await ownerQuery<{ line_user_id: string }>(db(), 'select line_user_id from contact_detail where suggestion_id = $1', [id]))[0]!
        .line_user_id,
    ).toBe(CITIZEN);

    expect(await db().rpc('line_unlink', { p_client_key: key, p_receipt: receipt }, serviceRole)).toEqual({ unlinked: true });
    expect(await ownerQuery(db(), 'select 1 from contact_detail where suggestion_id = $1', [id])).toEqual([]); // it held only the link
    const after = line.pushes.length;
    await triage(id, { reply: 'Fixed now.', status: 'resolved' });
    await job();
    expect(line.pushes.slice(after).filter((p) => p.to === CITIZEN)).toEqual([]);
    noPersonalData();
  });

  it("drops a notice written before the link was erased, and links only with the response's own client key and receipt", async () => {
    const key = randomUUID();
    const receipt = randomBytes(16).toString('base64url');
    const { reference } = await submit(
      db(),
      submission({ client_key: key, receipt, suggestion: { text: PRIVATE.text }, contact: { consent: true, phone: PRIVATE.phone } }),
    );
    const id = await suggestionOf(reference);
    expect(await db().rpc('line_link', { p_client_key: randomUUID(), p_receipt: receipt, p_line_user_id: CITIZEN }, serviceRole)).toEqual({
      linked: false,
    });
    await db().rpc('line_link', { p_client_key: key, p_receipt: receipt, p_line_user_id: CITIZEN }, serviceRole);
    await triage(id, { reply: 'ได้รับเรื่องแล้ว' });
    // The job enqueues it, then the citizen unfollows the account in LINE before it is sent.
    await ownerQuery(db(), 'select public.alerts_evaluate(\'["line", "line_citizens"]\'::jsonb)');
    expect(await ownerQuery(db(), "select 1 from notification_outbox where kind = 'citizen' and status = 'pending'")).toHaveLength(1);
    expect(await db().rpc('line_forget_user', { p_line_user_id: CITIZEN }, serviceRole)).toEqual({ unlinked: 1 });
    const before = line.pushes.length;
    await job();
    expect(line.pushes.slice(before).filter((p) => p.to === CITIZEN)).toEqual([]);
    // The phone the citizen gave stays: only the LINE link went.
    expect(await ownerQuery(db(), 'select phone, line_user_id from contact_detail where suggestion_id = $1', [id])).toEqual([
      { phone: PRIVATE.phone, line_user_id: null },
    ]);
  });

  it('purges the LINE link with the contact details when their retention ends, and pushes nothing after', async () => {
    const key = randomUUID();
    const receipt = randomBytes(16).toString('base64url');
    const { reference } = await submit(db(), submission({ client_key: key, receipt, suggestion: { text: PRIVATE.text } }));
    const id = await suggestionOf(reference);
    expect(
      await db().rpc('line_link', { p_client_key: key, p_receipt: receipt, p_line_user_id: CITIZEN, p_locale: 'th' }, serviceRole),
    ).toEqual({ linked: true });
    await triage(id, { reply: 'รับเรื่องแล้ว' });
    await ownerQuery(db(), 'select public.alerts_evaluate(\'["line_citizens"]\'::jsonb)');
    await ownerQuery(db(), "update contact_detail set purge_after = now() - interval '1 second' where suggestion_id = $1", [id]);
    await db().rpc('purge_expired_contacts', {}, serviceRole);
    expect(await ownerQuery(db(), 'select 1 from contact_detail where suggestion_id = $1', [id])).toEqual([]);
    const before = line.pushes.length;
    await job();
    expect(line.pushes.slice(before).filter((p) => p.to === CITIZEN)).toEqual([]);
    expect(
      await ownerQuery(db(), "select 1 from notification_outbox where kind = 'citizen' and payload ->> 'suggestionId' = $1", [String(id)]),
    ).toEqual([]);
  });

  it("pushes the daily summary to the staff chat once: yesterday's counts and the dashboard link, nothing personal", async () => {
    // Yesterday in Bangkok, which no other test here writes to: two counted answers (one unhappy) and one flagged.
    const yesterday = new Date(Date.now() + 7 * 3600 * 1000 - 24 * 3600 * 1000).toISOString().slice(0, 10);
    const at = `${yesterday}T10:00:00+07:00`;
    const contact = { consent: true, name: PRIVATE.name, phone: PRIVATE.phone, email: PRIVATE.email };
    for (const rating of [1, 4]) {
      await submit(
        db(),
        submission({
          created_at: at,
          service_point: 'complaints-centre',
          overall_rating: rating,
          suggestion: { text: PRIVATE.text },
          contact,
        }),
      );
    }
    await submit(db(), submission({ created_at: at, service_point: 'civil-registration', overall_rating: 1, flag: 'burst_address' }));
    await job(); // whatever earlier tests left in the outbox goes first, so that what follows is the summary's alone
    // Daily, due from midnight: whenever this runs, yesterday's summary is due.
    await ownerQuery(db(), "update alert_setting set summary = 'daily', summary_hour = 0");
    try {
      const before = line.pushes.length;
      await Promise.all([job('line-a'), job('line-b')]);
      await job('line-a');
      const pushed = line.pushes.slice(before);
      expect(pushed).toHaveLength(1);
      expect(pushed[0]!.to).toBe(STAFF_GROUP);
      const text = pushed[0]!.text;
      expect(text).toContain('สรุปความพึงพอใจรายวัน');
      expect(text).toContain('รวม 2 คำตอบ ไม่พอใจ 1 ตั้งข้อสังเกต (ไม่นับ) 1 แจ้งเตือน 0 ครั้ง');
      expect(text).toContain('• ศูนย์รับเรื่องราวร้องทุกข์: 2 คำตอบ ไม่พอใจ 1 ค่าเฉลี่ย 2.50');
      // One link, the dashboard's: no link to a suggestion or a tracking page, which would lead to a citizen's words.
      expect(new Set(text.match(/https?:\/\/\S+/g))).toEqual(new Set(['https://feedback.example.go.th/th/staff']));
      noPersonalData();
    } finally {
      await ownerQuery(db(), "update alert_setting set summary = 'off'");
    }
  });

  it('keeps the LINE id from every staff role', async () => {
    const { attempt } = await import('./staff-fixtures');
    for (const who of ['admin', 'pr', 'clerk', 'executive'] as const) {
      expect(await attempt(db(), world.callers[who], 'select line_user_id from contact_detail')).toBe('refused');
    }
    expect(await attempt(db(), world.callers.pr, 'select phone from contact_detail')).not.toBe('refused');
  });
});

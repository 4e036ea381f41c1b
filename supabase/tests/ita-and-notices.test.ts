import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { alertConfigFrom, type AlertConfig } from '../../lib/alerts/alert-config';
import { runAlertJob } from '../../lib/alerts/alert-job';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * The ITA item map (14_ita.sql) and the notices that close the loop (15_notices.sql): the defaults per fiscal year,
 * who may read and change the map, its audit; a routing queues one notice to the division (merged while unsent,
 * with no personal data) that a real SMTP listener receives; resolving through a done action queues a notice to the
 * citizen that stores no address, is sent to the email they gave, in their language, and the tracking page says
 * resolved.
 */

interface Mail {
  to: string[];
  raw: string;
}

/** The decoded text of a message (nodemailer sends UTF-8 as quoted-printable or base64). */
function decoded(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  if (/Content-Transfer-Encoding: base64/i.test(raw)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

onEveryDatabase('the ITA item map and the notices', (db) => {
  let world: World;
  let smtp: SMTPServer;
  let config: AlertConfig;
  const mails: Mail[] = [];

  beforeAll(async () => {
    world = await buildWorld(db());
    await ownerQuery(db(), "update alert_setting set summary = 'off', enabled = false");
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
    config = alertConfigFrom({
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      SMTP_FROM: 'Siang <notices@example.go.th>',
      PUBLIC_BASE_URL: 'https://feedback.example.go.th',
    } as Parameters<typeof alertConfigFrom>[0]);
    // What buildWorld's own routings queued is sent and forgotten: each test below counts its own mail.
    await runAlertJob({ db: db(), config, worker: 'setup' });
    mails.length = 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it("comes with the items of FY2566–2569, and shows the public only a year's codes, titles and pages", async () => {
    const y2567 = await db().rpc('public_ita_items', { p_fiscal_year: 2567, p_locale: 'th' }, anon);
    expect(y2567).toEqual([
      { code: 'O16', title: 'ข้อมูลเชิงสถิติการให้บริการ', page: 'results' },
      { code: 'O17', title: 'รายงานผลการสำรวจความพึงพอใจการให้บริการ', page: 'results' },
      { code: 'O30', title: 'การเปิดโอกาสให้เกิดการมีส่วนร่วม', page: 'participation' },
    ]);
    expect(await db().rpc('public_ita_items', { p_fiscal_year: 2568, p_locale: 'en' }, anon)).toEqual([
      { code: 'o25', title: 'Opening opportunities to participate', page: 'participation' },
    ]);
    expect((await db().rpc('public_ita_items', { p_fiscal_year: 2569 }, anon)).map((i) => i.code)).toEqual(['o25']);
    expect(await db().rpc('public_ita_items', { p_fiscal_year: 2560 }, anon)).toEqual([]);
    await expect(db().query('select * from ita_item', [], anon)).rejects.toMatchObject({ code: '42501' });
    await expect(db().rpc('ita_items', {}, anon)).rejects.toMatchObject({ code: '42501' });
  });

  it("gives the participation page a year's counts and channels only: flagged responses and other years left out", async () => {
    // FY2559 (1 Oct 2015 – 30 Sep 2016), which no other test touches: a QR response with a suggestion, a paper form at
    // another counter, a flagged burst through the kiosk, and a response on the first day of the next year.
    const inYear = (day: string) => `${day}T10:00:00+07:00`;
    await submit(
      db(),
      submission({
        created_at: inYear('2015-10-01'),
        channel: 'qr',
        suggestion: { text: 'ขอที่นั่งรอเพิ่ม โทร 0812345678' },
        contact: { consent: true, email: 'somchai@example.org' },
      }),
    );
    await submit(db(), submission({ created_at: inYear('2016-09-30'), channel: 'paper', service_point: 'building-permit' }));
    await submit(
      db(),
      submission({
        created_at: inYear('2016-03-01'),
        channel: 'kiosk',
        service_point: 'land-building-tax',
        flag: 'burst_device',
        suggestion: { text: 'ซ้ำ' },
      }),
    );
    await submit(
      db(),
      submission({ created_at: inYear('2016-10-01'), channel: 'web', service_point: 'land-building-tax', suggestion: { text: 'ปีถัดไป' } }),
    );

    const participation = await db().rpc('public_participation', { p_fiscal_year: 2559 }, anon);
    expect(participation).toEqual({ servicePoints: 2, suggestions: 1, channels: ['paper', 'qr'] });
    expect(JSON.stringify(participation)).not.toMatch(/0812345678|somchai|ที่นั่ง/); // counts, never the words
    expect(await db().rpc('public_participation', { p_fiscal_year: 2558 }, anon)).toEqual({
      servicePoints: 0,
      suggestions: 0,
      channels: [],
    });
  });

  it('lets every staff member read the map and only the admin change it, each change audited', async () => {
    for (const who of ['pr', 'executive', 'clerk'] as const) {
      expect((await db().rpc('ita_items', { p_fiscal_year: 2566 }, world.callers[who])).map((i) => i.code)).toEqual(['O16', 'O17', 'O30']);
    }
    const item = {
      fiscalYear: 2570,
      code: 'o27',
      title: { th: 'การเปิดโอกาสให้มีส่วนร่วม', en: 'Participation' },
      page: 'participation',
      position: 1,
    };
    for (const who of ['pr', 'executive', 'clerk'] as const) {
      await expect(db().rpc('admin_save_ita_item', { p_id: null, p_item: item }, world.callers[who])).rejects.toMatchObject({
        code: '42501',
      });
    }
    const { id } = await db().rpc('admin_save_ita_item', { p_id: null, p_item: item }, world.callers.admin);
    expect(await db().rpc('public_ita_items', { p_fiscal_year: 2570 }, anon)).toEqual([
      { code: 'o27', title: 'การเปิดโอกาสให้มีส่วนร่วม', page: 'participation' },
    ]);

    // Renumbered: the same row takes its new code; a code used twice in a year, or not a code, is refused by field.
    await db().rpc('admin_save_ita_item', { p_id: id, p_item: { ...item, code: 'O28' } }, world.callers.admin);
    expect((await db().rpc('public_ita_items', { p_fiscal_year: 2570 }, anon)).map((i) => i.code)).toEqual(['O28']);
    const other = await db().rpc(
      'admin_save_ita_item',
      { p_id: null, p_item: { ...item, code: 'O29', page: 'results' } },
      world.callers.admin,
    );
    expect(
      await refusal(db().rpc('admin_save_ita_item', { p_id: other.id, p_item: { ...item, code: 'O28' } }, world.callers.admin)),
    ).toMatchObject({ code: '22023', message: 'duplicate_code', detail: 'code' });
    expect(
      await refusal(db().rpc('admin_save_ita_item', { p_id: null, p_item: { ...item, code: '17 O' } }, world.callers.admin)),
    ).toMatchObject({ message: 'invalid_code', detail: 'code' });
    expect(
      await refusal(db().rpc('admin_save_ita_item', { p_id: null, p_item: { ...item, code: 'O31', page: 'home' } }, world.callers.admin)),
    ).toMatchObject({ detail: 'page' });
    await db().rpc('admin_delete_ita_item', { p_id: other.id }, world.callers.admin);

    const trail = await ownerQuery<{ action: string; actor_id: string }>(
      db(),
      "select action, actor_id from audit_log where entity = 'ita_item' and entity_id in ($1, $2) order by id",
      [String(id), String(other.id)],
    );
    expect(trail.map((a) => a.action)).toEqual(['insert', 'update', 'insert', 'delete']);
    expect(new Set(trail.map((a) => a.actor_id))).toEqual(new Set([world.userIds.admin]));
  });

  it('tells the division when suggestions are routed to it: one notice for a run of routings, counts and a link only', async () => {
    await db().rpc(
      'admin_save_division',
      { p_slug: 'engineering', p_name: { th: 'กองช่าง' }, p_email: 'Engineering@Example.go.th' },
      world.callers.admin,
    );
    const routeable = [];
    for (const text of ['ถนนหน้าบ้านเลขที่ 12 มีหลุม โทร 0811111111', 'ไฟทางดับ ซอย 3']) {
      const r = await submit(
        db(),
        submission({ service_point: 'building-permit', suggestion: { text }, contact: { consent: true, email: 'somchai@example.org' } }),
      );
      const [s] = await ownerQuery<{ id: number; version: number }>(
        db(),
        'select s.id, s.version from suggestion s join response x on x.id = s.response_id where x.reference = $1',
        [r.reference],
      );
      routeable.push(s!);
    }
    for (const s of routeable) {
      await db().rpc('triage_suggestion', { p_id: s.id, p_version: s.version, p_changes: { division: 'engineering' } }, world.callers.pr);
    }
    const rows = await ownerQuery<{ recipients: string[]; payload: Record<string, unknown>; status: string }>(
      db(),
      "select recipients, payload, status from notification_outbox where kind = 'routed' and payload ->> 'division' = 'engineering'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipients: ['engineering@example.go.th'], status: 'pending', payload: { type: 'routed', routed: 2 } });
    const stored = JSON.stringify(rows);
    for (const personal of ['0811111111', 'somchai@example.org', 'ถนนหน้าบ้าน', 'ไฟทางดับ']) expect(stored).not.toContain(personal);

    await runAlertJob({ db: db(), config, worker: 'test' });
    const toDivision = mails.filter((m) => m.to.includes('engineering@example.go.th'));
    expect(toDivision).toHaveLength(1);
    const text = decoded(toDivision[0]!.raw);
    expect(text).toContain('ส่งข้อเสนอแนะถึงกองช่างใหม่ 2 เรื่อง');
    expect(text).toContain('https://feedback.example.go.th/th/staff/feedback?division=engineering');
    for (const personal of ['0811111111', 'somchai@example.org', 'ถนนหน้าบ้าน']) expect(text).not.toContain(personal);
    // Sent once: another run sends nothing more.
    await runAlertJob({ db: db(), config, worker: 'test' });
    expect(mails.filter((m) => m.to.includes('engineering@example.go.th'))).toHaveLength(1);
  });

  it('tells the citizen who left an email when a done action resolves their suggestion, and the tracking page says so', async () => {
    const r = await submit(
      db(),
      submission({
        service_point: 'civil-registration',
        locale: 'en',
        suggestion: { text: 'No seats for the elderly' },
        contact: { consent: true, email: 'citizen@example.org' },
      }),
    );
    const [s] = await ownerQuery<{ id: number; version: number }>(
      db(),
      'select s.id, s.version from suggestion s join response x on x.id = s.response_id where x.reference = $1',
      [r.reference],
    );
    await db().rpc('triage_suggestion', { p_id: s!.id, p_version: s!.version, p_changes: { division: 'clerk' } }, world.callers.pr);
    expect(
      (await db().rpc('track_response', { p_reference: r.reference, p_check: r.checkCode, p_locale: 'th' }, serviceRole))!.suggestion!
        .status,
    ).toBe('assigned');

    const action = await db().rpc(
      'action_save',
      { p_id: null, p_version: null, p_action: { title: { th: 'จัดที่นั่งผู้สูงอายุ' }, division: 'clerk', suggestions: [Number(s!.id)] } },
      world.callers.clerk,
    );
    expect(
      await refusal(db().rpc('action_resolve_suggestions', { p_id: action.id, p_reply: 'Seats added' }, world.callers.clerk)),
    ).toMatchObject({ message: 'action_not_done' });
    const done = await db().rpc(
      'action_save',
      { p_id: action.id, p_version: action.version, p_action: { status: 'done' } },
      world.callers.clerk,
    );
    expect(done.version).toBe(action.version + 1);
    expect(
      await db().rpc(
        'action_resolve_suggestions',
        { p_id: action.id, p_reply: 'We added ten seats for the elderly.' },
        world.callers.clerk,
      ),
    ).toEqual({ resolved: 1, skipped: 0 });

    const [row] = await ownerQuery<{ recipients: string[]; payload: Record<string, unknown> }>(
      db(),
      "select recipients, payload from notification_outbox where kind = 'resolved' and (payload ->> 'suggestionId')::bigint = $1",
      [s!.id],
    );
    expect(row).toEqual({ recipients: [], payload: { type: 'resolved', suggestionId: Number(s!.id) } }); // no address stored
    // Only the server's job reads the address, and only for a notice it holds.
    await expect(db().rpc('notification_citizen_notice', { p_id: 1 }, world.callers.admin)).rejects.toMatchObject({ code: '42501' });

    await runAlertJob({ db: db(), config, worker: 'test' });
    const toCitizen = mails.filter((m) => m.to.includes('citizen@example.org'));
    expect(toCitizen).toHaveLength(1);
    const text = decoded(toCitizen[0]!.raw);
    expect(text).toContain(`has acted on your suggestion (${r.reference}-${r.checkCode})`);
    expect(text).toContain('We added ten seats for the elderly.');
    expect(text).toContain(`https://feedback.example.go.th/en/track/${r.reference}-${r.checkCode}`);

    const tracked = await db().rpc('track_response', { p_reference: r.reference, p_check: r.checkCode, p_locale: 'th' }, serviceRole);
    expect(tracked!.suggestion).toMatchObject({ status: 'resolved' });
    const history = await ownerQuery<{ action: string; after: Record<string, unknown> }>(
      db(),
      "select action, after from audit_log where entity = 'suggestion' and entity_id = $1 order by id",
      [String(s!.id)],
    );
    expect(history.some((h) => h.action === 'update' && h.after?.status === 'resolved')).toBe(true);
  });

  it('sends nothing to a citizen who erased their contact before the notice went, and stores none for one who left only a phone', async () => {
    const receipt = randomBytes(16).toString('base64url');
    const r = await submit(
      db(),
      submission({ receipt, suggestion: { text: 'ขอที่จอดรถ' }, contact: { consent: true, email: 'gone@example.org' } }),
    );
    const [s] = await ownerQuery<{ id: number }>(
      db(),
      'select s.id from suggestion s join response x on x.id = s.response_id where x.reference = $1',
      [r.reference],
    );
    await ownerQuery(db(), "update suggestion set status = 'resolved' where id = $1", [s!.id]);
    expect(await db().rpc('forget_contact', { p_reference: r.reference, p_receipt: receipt }, serviceRole)).toEqual({ done: true });
    expect(await ownerQuery(db(), 'select 1 from contact_detail where suggestion_id = $1 and email is not null', [s!.id])).toEqual([]);
    await runAlertJob({ db: db(), config, worker: 'test' });
    expect(mails.filter((m) => m.to.includes('gone@example.org'))).toEqual([]);

    await ownerQuery(db(), "update suggestion set status = 'resolved' where id = $1", [world.suggestions.finance]); // phone only
    expect(
      await ownerQuery(db(), "select 1 from notification_outbox where kind = 'resolved' and (payload ->> 'suggestionId')::bigint = $1", [
        world.suggestions.finance,
      ]),
    ).toEqual([]);
  });
});

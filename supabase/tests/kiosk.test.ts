import { beforeAll, expect, it } from 'vitest';
import { syncKiosk } from '../../lib/kiosk/sync-kiosk';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal } from './fixtures';
import { issueCode, issueKiosk, press } from './kiosk-fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * Kiosk tablets: paired by a code whose hash alone is stored, presses synced in batches, each stored exactly once,
 * repeated presses kept but flagged, honest press times, and a revoked code refused with nothing stored.
 */
onEveryDatabase('kiosk mode', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });

  const responsesOf = (id: string) =>
    ownerQuery<{ overall_rating: number; flag: string | null; channel: string; main_reason: string | null; created_at: Date }>(
      db(),
      'select overall_rating, flag, channel, main_reason, created_at from response where device_key = $1 order by created_at',
      [`kiosk:${id}`],
    );

  it('is paired by an admin or the PR officer only, keeps only a hash of the code, and audits it', async () => {
    const { code, id } = await issueCode(db(), world.callers.pr);
    const [row] = await ownerQuery<{ code_hash: string; code_hint: string }>(
      db(),
      'select code_hash, code_hint from kiosk_device where id = $1',
      [id],
    );
    expect(row!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(code.replace(/-/g, '').slice(0, 8));
    expect(row!.code_hint).toBe(code.slice(-4));
    for (const who of ['clerk', 'executive', 'outsider'] as const) {
      expect((await refusal(issueCode(db(), world.callers[who]))).code, who).toBe('42501');
    }
    const audit = await ownerQuery<{ action: string; actor_role: string }>(
      db(),
      "select action, actor_role from audit_log where entity = 'kiosk_device' and entity_id = $1",
      [id],
    );
    expect(audit).toEqual([{ action: 'insert', actor_role: 'pr_officer' }]);
  });

  it('stores a batch once, answering per press, and a resent batch only as duplicates', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    const sentAt = new Date();
    const presses = [press(5, 600, sentAt), press(1, 300, sentAt, { reason: 'waiting_time' }), press(4, 60, sentAt, { locale: 'my' })];
    const first = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses }, db());
    expect(first.ok && first.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    const again = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses }, db());
    expect(again.ok && again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const rows = await responsesOf(id);
    expect(rows.map((r) => [r.overall_rating, r.channel, r.flag, r.main_reason])).toEqual([
      [5, 'kiosk', null, null],
      [1, 'kiosk', null, 'waiting_time'],
      [4, 'kiosk', null, null],
    ]);
    // Each press is filed at the time it was pressed, on the server's clock.
    expect(Math.abs(rows[0]!.created_at.getTime() - (sentAt.getTime() - 600_000))).toBeLessThan(5_000);
  });

  it('files presses at the right time even when the tablet’s clock is wrong', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    const tabletNow = new Date(Date.now() - 3 * 3600_000); // the tablet is three hours slow
    await syncKiosk({ token, sentAt: tabletNow.toISOString(), presses: [press(3, 120, tabletNow)] }, db());
    const [row] = await responsesOf(id);
    expect(Math.abs(row!.created_at.getTime() - (Date.now() - 120_000))).toBeLessThan(5_000);
  });

  it('keeps repeated presses and bursts but flags them, so the statistics leave them out', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    const sentAt = new Date();
    // 1 s apart: a repeat; then 12 presses 5.2 s apart (beyond the 5 s interval) within a minute: the 11th on is a burst.
    const presses = [
      press(1, 200, sentAt),
      press(1, 199, sentAt),
      ...Array.from({ length: 12 }, (_, i) => press(2, 100 - i * 5.2, sentAt)),
    ];
    const outcome = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses }, db());
    expect(outcome.ok && outcome.results.every((r) => r.status === 'stored')).toBe(true);
    const flags = (await responsesOf(id)).map((r) => r.flag);
    expect(flags.slice(0, 2)).toEqual([null, 'repeat_press']);
    expect(flags.slice(2, 12)).toEqual(Array(10).fill(null));
    expect(flags.slice(12)).toEqual(['burst_device', 'burst_device']);
    await ownerQuery(db(), "select app.stat_fold(interval '0', 100000)"); // into the rollups, read below
    const [{ flagged }] = (await ownerQuery<{ flagged: number }>(
      db(),
      "select coalesce(sum(flagged), 0)::int as flagged from stat_response_day where channel = 'kiosk'",
    )) as [{ flagged: number }];
    expect(flagged).toBeGreaterThanOrEqual(3);
  });

  it('refuses, press by press, a time in the future or older than seven days, and stores the rest', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    const sentAt = new Date();
    const presses = [press(4, -600, sentAt), press(4, 8 * 24 * 3600, sentAt), press(5, 30, sentAt), { clientKey: 'nope', rating: 9 }];
    const outcome = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses }, db());
    expect(outcome.ok && outcome.results.map((r) => (r.status === 'refused' ? r.error : r.status)).sort()).toEqual([
      'invalid_client_key',
      'invalid_press_time',
      'press_too_old',
      'stored',
    ]);
    expect(await responsesOf(id)).toHaveLength(1);
    // And in SQL too, whatever a caller of kiosk_sync sends.
    const future = await db().rpc(
      'kiosk_sync',
      {
        p_token_hash: (await ownerQuery<{ token_hash: string }>(db(), 'select token_hash from kiosk_device where id = $1', [id]))[0]!
          .token_hash,
        p_presses: [{ ...press(3, 0, sentAt), pressedAt: new Date(Date.now() + 3600_000).toISOString() }],
      },
      { role: 'service_role' },
    );
    expect(future.results[0]).toMatchObject({ status: 'refused', error: 'invalid_press_time' });
  });

  it('adds the follow-up answer to the same press when it comes in a later batch', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    const sentAt = new Date();
    const first = press(2, 20, sentAt);
    await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [first] }, db());
    const later = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [{ ...first, reason: 'staff' }] }, db());
    expect(later.ok && later.results[0]!.status).toBe('duplicate');
    expect((await responsesOf(id)).map((r) => r.main_reason)).toEqual(['staff']);
  });

  it('refuses a revoked code with nothing stored, and a revoked tablet stays revoked', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    await db().rpc('kiosk_revoke', { p_id: id }, world.callers.pr);
    const sentAt = new Date();
    const outcome = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [press(1, 5, sentAt)] }, db());
    expect(outcome).toEqual({ ok: false, status: 403, code: 'kiosk_revoked' });
    expect(await responsesOf(id)).toEqual([]);
    expect(
      await syncKiosk({ token: 'q0Zr8v2Jx4Kc7Wm1Ns5Ty9Ub3Ld6Ge0Hf2Ap4Bo8CiX', sentAt: sentAt.toISOString(), presses: [] }, db()),
    ).toEqual({ ok: false, status: 403, code: 'kiosk_unknown' });
    expect(
      (await refusal(db().query('update kiosk_device set revoked_at = null, revoked_by = null where id = $1', [id], world.callers.admin)))
        .message,
    ).toBe('kiosk_revoked');
    const audit = await ownerQuery<{ action: string }>(
      db(),
      "select action from audit_log where entity = 'kiosk_device' and entity_id = $1 order by id",
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['insert', 'update']);
  });

  it('lists a point’s tablets with the presses each sent, for staff who manage kiosks only', async () => {
    const listed = await db().rpc('kiosk_devices', { p_service_point: 'civil-registration' }, world.callers.pr);
    expect(listed.devices.length).toBeGreaterThanOrEqual(6);
    expect(listed.devices.reduce((n, d) => n + d.presses, 0)).toBeGreaterThanOrEqual(20);
    expect(listed.reasons.waiting_time).toBe(1);
    expect((await refusal(db().rpc('kiosk_devices', { p_service_point: 'civil-registration' }, world.callers.executive))).code).toBe(
      '42501',
    );
  });

  it('lists every counter with its paired tablets for the PR officer, who has no other way to reach them', async () => {
    const overview = await db().rpc('kiosk_overview', {}, world.callers.pr);
    const [expected] = await ownerQuery<{ points: number; paired: number }>(
      db(),
      `select (select count(*)::int from service_point) as points,
              (select count(*)::int from kiosk_device k join service_point p on p.id = k.service_point_id
               where p.slug = 'civil-registration' and k.paired_at is not null and k.revoked_at is null) as paired`,
    );
    expect(overview).toHaveLength(expected!.points);
    const civil = overview.find((p) => p.slug === 'civil-registration')!;
    expect(civil.tablets).toBe(expected!.paired); // revoked tablets and unused codes are not counted
    expect(civil.tablets).toBeGreaterThan(0);
    expect(civil.lastSyncAt).not.toBeNull();
    expect(civil.division.th).toBeTruthy();
    for (const who of ['clerk', 'executive', 'outsider'] as const) {
      expect((await refusal(db().rpc('kiosk_overview', {}, world.callers[who]))).code, who).toBe('42501');
    }
  });

  it('exports the follow-up answer with the response, to staff only', async () => {
    const { token } = await issueKiosk(db(), world.callers.admin);
    const sentAt = new Date();
    const answered = press(2, 30, sentAt, { reason: 'steps' });
    const skipped = press(4, 20, sentAt);
    await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [answered, skipped] }, db());
    const exported = await db().rpc(
      'export_responses',
      { p_filter: { channel: 'kiosk', servicePoint: 'civil-registration', includeFlagged: true }, p_limit: 5000 },
      world.callers.pr,
    );
    const ids = await ownerQuery<{ id: string; client_key: string }>(
      db(),
      'select id, client_key from response where client_key in ($1, $2)',
      [answered.clientKey, skipped.clientKey],
    );
    const reasonOf = (key: string) => exported.find((r) => r.id === ids.find((i) => i.client_key === key)!.id)?.mainReason;
    expect(reasonOf(answered.clientKey)).toBe('steps');
    expect(reasonOf(skipped.clientKey)).toBeNull();
    expect((await refusal(db().rpc('export_responses', { p_filter: {} }, world.callers.outsider))).code).toBe('42501');
  });

  it('answers a stored press sent again after a week as a duplicate, and refuses only a new press that old', async () => {
    const { token, id } = await issueKiosk(db(), world.callers.admin);
    const sentAt = new Date();
    const first = press(3, 10, sentAt);
    await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [first] }, db());
    // The tablet (its answer lost) sends the same press again eight days later by its clock, with one it never sent.
    // Only the wait on the tablet counts (see press-time.ts): both presses now waited eight days.
    const later = new Date(sentAt.getTime() + 8 * 24 * 3600_000);
    const stale = press(2, 8 * 24 * 3600 + 11, later); // a second before the other: answered first
    const outcome = await syncKiosk({ token, sentAt: later.toISOString(), presses: [first, stale] }, db());
    expect(outcome.ok && outcome.results.map((r) => [r.clientKey, r.status, 'error' in r ? r.error : null])).toEqual([
      [stale.clientKey, 'refused', 'press_too_old'],
      [first.clientKey, 'duplicate', null],
    ]);
    expect(await responsesOf(id)).toHaveLength(1);
  });
});

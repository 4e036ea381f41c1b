import { beforeAll, expect, it } from 'vitest';
import { hashDeviceCode, hashDeviceToken } from '../../lib/kiosk/device-code';
import { pairKiosk } from '../../lib/kiosk/pair-kiosk';
import { syncKiosk } from '../../lib/kiosk/sync-kiosk';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal } from './fixtures';
import { issueCode, press } from './kiosk-fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * A device code pairs one tablet, once (issue 18): the "shown once" code once paired a second tablet, which the admin
 * saw as the same tablet, because the code itself authenticated every sync. Now a code is exchanged once for a device
 * token, expires, can be revoked before use, and only the token syncs.
 */
onEveryDatabase('kiosk pairing', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });

  const POINT = 'civil-registration';
  const deviceRow = async (id: string) =>
    (
      await ownerQuery<{ paired_at: Date | null; token_hash: string | null; code_expires_at: Date }>(
        db(),
        'select paired_at, token_hash, code_expires_at from kiosk_device where id = $1',
        [id],
      )
    )[0]!;
  const statusOf = async (id: string) =>
    (await db().rpc('kiosk_devices', { p_service_point: POINT }, world.callers.pr)).devices.find((d) => d.id === id)?.status;

  it('pairs one tablet with a code; a second tablet with the same code is refused and changes nothing', async () => {
    const { code, id } = await issueCode(db(), world.callers.admin, POINT, 'หนึ่งรหัสหนึ่งเครื่อง');
    expect(await statusOf(id)).toBe('waiting');
    const first = await pairKiosk({ code, servicePoint: POINT }, db());
    expect(first).toMatchObject({ ok: true, device: { label: 'หนึ่งรหัสหนึ่งเครื่อง', servicePoint: POINT } });
    const token = first.ok ? first.token : '';
    const paired = await deviceRow(id);
    expect(paired.token_hash).toBe(hashDeviceToken(token));
    expect(paired.paired_at).not.toBeNull();
    expect(await statusOf(id)).toBe('paired');

    expect(await pairKiosk({ code: code.toLowerCase(), servicePoint: POINT }, db())).toEqual({
      ok: false,
      status: 403,
      code: 'kiosk_code_used',
    });
    expect(await deviceRow(id)).toEqual(paired);
    // The first tablet syncs with its token; the code itself syncs nothing, as text or as its hash.
    const sentAt = new Date();
    const synced = await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [press(5, 3, sentAt)] }, db());
    expect(synced.ok && synced.results.map((r) => r.status)).toEqual(['stored']);
    expect(await syncKiosk({ token: code, sentAt: sentAt.toISOString(), presses: [press(1, 2, sentAt)] }, db())).toEqual({
      ok: false,
      status: 403,
      code: 'kiosk_unknown',
    });
    expect((await refusal(db().rpc('kiosk_sync', { p_token_hash: hashDeviceCode(code), p_presses: [] }, serviceRole))).message).toBe(
      'kiosk_unknown',
    );
  });

  it('pairs only one of two tablets that type the same code at the same moment', async () => {
    const { code, id } = await issueCode(db(), world.callers.admin, POINT, 'สองเครื่องพร้อมกัน');
    const outcomes = await Promise.all([1, 2, 3].map(() => pairKiosk({ code, servicePoint: POINT }, db())));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.code)).toEqual(['kiosk_code_used', 'kiosk_code_used']);
    const winner = outcomes.find((o) => o.ok)!;
    expect((await deviceRow(id)).token_hash).toBe(hashDeviceToken(winner.ok ? winner.token : ''));
  });

  it('refuses an expired code, and lists it as expired; a code’s life is shortened, never lengthened', async () => {
    const { code, id, expiresAt } = await issueCode(db(), world.callers.pr, POINT, 'รหัสหมดอายุ');
    // 60 minutes by default.
    expect(Math.abs(new Date(expiresAt).getTime() - (Date.now() + 60 * 60_000))).toBeLessThan(10_000);
    expect(
      (await refusal(ownerQuery(db(), "update kiosk_device set code_expires_at = code_expires_at + interval '1 day' where id = $1", [id])))
        .message,
    ).toBe('kiosk_code_fixed');
    await ownerQuery(db(), "update kiosk_device set code_expires_at = now() - interval '1 second' where id = $1", [id]);
    expect(await pairKiosk({ code, servicePoint: POINT }, db())).toEqual({ ok: false, status: 403, code: 'kiosk_code_expired' });
    expect((await deviceRow(id)).paired_at).toBeNull();
    expect(await statusOf(id)).toBe('expired');
  });

  it('gives each new code the lifetime the admin set (1 minute to 7 days), whoever inserts it', async () => {
    await db().rpc('admin_update_kiosk_settings', { p_changes: { codeTtlMinutes: 5 } }, world.callers.admin);
    try {
      const { expiresAt } = await issueCode(db(), world.callers.pr, POINT, 'รหัสห้านาที');
      expect(Math.abs(new Date(expiresAt).getTime() - (Date.now() + 5 * 60_000))).toBeLessThan(10_000);
      // Inserted directly by staff with a lifetime of their own choosing: the setting wins.
      const [row] = await db().query<{ minutes: number }>(
        `insert into kiosk_device (service_point_id, label, code_hash, code_hint)
         values ((select id from service_point where slug = $1), 'ตรง', repeat('b', 64), 'BBBB')
         returning round(extract(epoch from code_expires_at - now()) / 60)::int as minutes`,
        [POINT],
        world.callers.admin,
      );
      expect(row!.minutes).toBe(5);
      for (const bad of [0, 10_081, 2.5, '60']) {
        const error = await refusal(db().rpc('admin_update_kiosk_settings', { p_changes: { codeTtlMinutes: bad } }, world.callers.admin));
        expect([error.message, error.detail], String(bad)).toEqual(['out_of_range', 'codeTtlMinutes']);
      }
      for (const who of ['pr', 'clerk', 'executive', 'outsider'] as const) {
        expect(
          (await refusal(db().rpc('admin_update_kiosk_settings', { p_changes: { codeTtlMinutes: 9 } }, world.callers[who]))).code,
          who,
        ).toBe('42501');
      }
    } finally {
      await db().rpc('admin_update_kiosk_settings', { p_changes: { codeTtlMinutes: 60 } }, world.callers.admin);
    }
  });

  it('revokes a code before any tablet used it (audited), and then refuses it', async () => {
    const { code, id } = await issueCode(db(), world.callers.admin, POINT, 'ยกเลิกก่อนใช้');
    await db().rpc('kiosk_revoke', { p_id: id }, world.callers.pr);
    expect(await statusOf(id)).toBe('revoked');
    expect(await pairKiosk({ code, servicePoint: POINT }, db())).toEqual({ ok: false, status: 403, code: 'kiosk_revoked' });
    const audit = await ownerQuery<{ action: string; actor_role: string }>(
      db(),
      "select action, actor_role from audit_log where entity = 'kiosk_device' and entity_id = $1 order by id",
      [id],
    );
    expect(audit).toEqual([
      { action: 'insert', actor_role: 'admin' },
      { action: 'update', actor_role: 'pr_officer' },
    ]);
  });

  it('refuses a code typed on another counter’s kiosk without using it up', async () => {
    const { code, id } = await issueCode(db(), world.callers.admin, POINT, 'ผิดจุด');
    expect(await pairKiosk({ code, servicePoint: 'complaints-centre' }, db())).toEqual({
      ok: false,
      status: 403,
      code: 'kiosk_wrong_point',
    });
    expect((await deviceRow(id)).paired_at).toBeNull();
    expect((await pairKiosk({ code, servicePoint: POINT }, db())).ok).toBe(true);
  });

  it('refuses the token of a revoked tablet, and keeps a paired tablet’s token as it was given', async () => {
    const { code, id } = await issueCode(db(), world.callers.admin, POINT, 'โทเค็นถูกยกเลิก');
    const paired = await pairKiosk({ code, servicePoint: POINT }, db());
    const token = paired.ok ? paired.token : '';
    expect((await refusal(ownerQuery(db(), "update kiosk_device set token_hash = repeat('c', 64) where id = $1", [id]))).message).toBe(
      'kiosk_code_used',
    );
    expect(
      (await refusal(ownerQuery(db(), 'update kiosk_device set paired_at = null, token_hash = null where id = $1', [id]))).message,
    ).toBe('kiosk_code_used');
    await db().rpc('kiosk_revoke', { p_id: id }, world.callers.admin);
    const sentAt = new Date();
    expect(await syncKiosk({ token, sentAt: sentAt.toISOString(), presses: [press(2, 1, sentAt)] }, db())).toEqual({
      ok: false,
      status: 403,
      code: 'kiosk_revoked',
    });
  });

  it('lets only the server pair a tablet, and no staff role set a pairing or a token', async () => {
    const { code, id } = await issueCode(db(), world.callers.admin, POINT, 'สิทธิ์');
    const args = { p_code_hash: hashDeviceCode(code), p_token_hash: hashDeviceToken('x'.repeat(43)), p_service_point: POINT };
    for (const [who, caller] of [
      ['anon', anon],
      ...(['admin', 'pr', 'clerk', 'executive', 'outsider'] as const).map((w) => [w, world.callers[w]] as const),
    ] as const) {
      expect((await refusal(db().rpc('kiosk_pair', args, caller))).code, who).toBe('42501');
      if (who !== 'anon') {
        expect(
          (await refusal(db().query("update kiosk_device set paired_at = now(), token_hash = repeat('d', 64) where id = $1", [id], caller)))
            .code,
          who,
        ).toBe('42501');
      }
    }
    expect((await deviceRow(id)).paired_at).toBeNull();
    expect(await db().rpc('kiosk_pair', args, serviceRole)).toMatchObject({ servicePoint: POINT });
  });
});

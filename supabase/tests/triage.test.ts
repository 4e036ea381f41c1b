import { beforeAll, expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

onEveryDatabase('triage and the inbox', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });

  const detail = (who: keyof World['callers'], id: number) =>
    db().rpc('suggestion_detail', { p_id: id, p_locale: 'th' }, world.callers[who]);
  const triage = (who: keyof World['callers'], id: number, version: number, changes: Record<string, unknown>) =>
    db().rpc('triage_suggestion', { p_id: id, p_version: version, p_changes: changes }, world.callers[who]);
  const auditCount = async (id: number) =>
    Number(
      (
        await ownerQuery<{ n: number }>(db(), "select count(*)::int as n from audit_log where entity = 'suggestion' and entity_id = $1", [
          String(id),
        ])
      )[0]!.n,
    );

  it('routes, categorises, notes and replies in one save, and audits who changed what from what to what', async () => {
    const id = world.suggestions.unassigned;
    const before = (await detail('pr', id))!;
    const saved = await triage('pr', id, before.version, {
      category: 'facilities',
      division: 'health-environment',
      note: 'โทรสอบถามแล้ว',
      reply: 'ขอบคุณค่ะ ส่งเรื่องให้กองสาธารณสุขแล้ว',
    });
    expect(saved).toMatchObject({ version: before.version + 1, status: 'assigned' }); // routing moves new → assigned

    const after = (await detail('pr', id))!;
    const update = after.history.find((h) => h.action === 'update')!; // the citizen made no update: the first is the PR officer's
    expect(update.actorRole).toBe('pr_officer');
    expect(update.before).toMatchObject({ status: 'new', category: 'other', assigned_division_id: null });
    expect(update.after).toMatchObject({ status: 'assigned', category: 'facilities' });
    expect(after.history.map((h) => h.action)).toEqual(expect.arrayContaining(['update', 'note', 'reply']));
    const [who] = await ownerQuery<{ actor_id: string }>(
      db(),
      "select actor_id from audit_log where entity = 'suggestion' and entity_id = $1 and action = 'update'",
      [String(id)],
    );
    expect(who?.actor_id).toBe(world.userIds.pr);

    const [{ code }] = (await ownerQuery<{ code: string }>(db(), 'select app.check_code(id) as code from response where reference = $1', [
      world.references.unassigned,
    ])) as [{ code: string }];
    const tracked = await db().rpc(
      'track_response',
      { p_reference: world.references.unassigned, p_check: code, p_locale: 'th' },
      serviceRole,
    );
    expect(tracked?.suggestion?.status).toBe('assigned');
    expect(tracked?.suggestion?.replies.map((r) => r.body)).toEqual(['ขอบคุณค่ะ ส่งเรื่องให้กองสาธารณสุขแล้ว']);
    expect(JSON.stringify(tracked)).not.toContain('โทรสอบถามแล้ว'); // the internal note stays internal
  });

  it('refuses a save based on an old version, changing and auditing nothing', async () => {
    const id = world.suggestions.clerk;
    const { version } = (await detail('pr', id))!;
    await triage('clerk', id, version, { status: 'in_progress' }); // someone else saves first
    const audited = await auditCount(id);
    const stale = await refusal(triage('pr', id, version, { category: 'staff', note: 'แก้ทับ' }));
    expect(stale).toMatchObject({ code: '40001', message: 'stale_version' });
    expect((await detail('pr', id))!).toMatchObject({ status: 'in_progress', category: 'other' });
    expect(await auditCount(id)).toBe(audited);
  });

  it('refuses tampered transitions, oversized notes and unknown fields, changing and auditing nothing', async () => {
    const id = world.suggestions.finance;
    const { version } = (await detail('pr', id))!;
    const audited = await auditCount(id);
    expect(await refusal(triage('finance', id, version, { status: 'declined' }))).toMatchObject({ message: 'invalid_transition' });
    expect(await refusal(triage('finance', id, version, { status: 'new' }))).toMatchObject({ message: 'invalid_transition' });
    expect(await refusal(triage('pr', id, version, { status: 'hacked' }))).toMatchObject({ message: 'invalid_choice' });
    expect(await refusal(triage('pr', id, version, { note: 'ก'.repeat(2001) }))).toMatchObject({ message: 'text_too_long' });
    expect(await refusal(triage('pr', id, version, { body: 'rewritten' }))).toMatchObject({ message: 'unknown_field' });
    expect(await refusal(triage('pr', id, version, { status: 'duplicate' }))).toMatchObject({ message: 'duplicate_of_required' });
    expect((await detail('pr', id))!.version).toBe(version);
    expect(await auditCount(id)).toBe(audited);
  });

  it('keeps executives read-only, division staff to their own division, and the citizen’s words as sent', async () => {
    const id = world.suggestions.clerk;
    const { version } = (await detail('pr', id))!;
    expect(await refusal(triage('executive', id, version, { note: 'x' }))).toMatchObject({ code: '42501' });
    expect(await refusal(triage('finance', id, version, { note: 'x' }))).toMatchObject({ code: 'P0002' }); // not even visible
    expect(await refusal(triage('clerk', id, version, { division: 'finance' }))).toMatchObject({ code: '42501' });
    expect(await refusal(db().query("update suggestion set body = 'rewritten' where id = $1", [id], world.callers.pr))).toMatchObject({
      code: '42501',
    });
    expect((await detail('executive', id))!.canEdit).toBe(false);
    expect((await detail('executive', id))!.allowedStatuses).toEqual([]);
  });

  it('shows contact details to the PR officer and to the division handling it, never to executives', async () => {
    expect((await detail('pr', world.suggestions.clerk))!.contact).toMatchObject({ phone: '0812345678' });
    expect((await detail('clerk', world.suggestions.clerk))!.contact).toMatchObject({ phone: '0812345678' });
    expect((await detail('executive', world.suggestions.clerk))!.contact).toBeNull();
    expect(await detail('clerk', world.suggestions.finance)).toBeNull(); // another division's suggestion does not exist for them
  });

  it('lists the inbox newest first, filtered, and pages without gaps or repeats', async () => {
    for (let i = 0; i < 5; i++) {
      await submit(
        db(),
        submission({
          service_point: 'building-permit',
          overall_rating: 2,
          suggestion: { text: `ขอใบอนุญาตช้ามาก รอบ ${i}`, category: 'process' },
        }),
      );
    }
    type Page = { items: { id: number; body: string; rating: number }[]; next: { at: string; id: number } | null };
    const filter = { servicePoint: 'building-permit', q: 'ใบอนุญาต' };
    const seen: number[] = [];
    let before: Page['next'] = null;
    do {
      const page: Page = await db().rpc(
        'inbox',
        { p_filter: { ...filter, limit: 2, ...(before ? { before } : {}) }, p_locale: 'th' },
        world.callers.pr,
      );
      seen.push(...page.items.map((i) => i.id));
      before = page.next;
    } while (before);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen); // newest first

    const unassigned = await db().rpc(
      'inbox',
      { p_filter: { division: 'none', rating: 2, servicePoint: 'building-permit' } },
      world.callers.pr,
    );
    expect(unassigned.items).toHaveLength(5);
    const clerkView = await db().rpc('inbox', { p_filter: {} }, world.callers.clerk);
    expect(clerkView.items.map((i) => i.id)).toEqual([world.suggestions.clerk]);
    expect(await refusal(db().rpc('inbox', { p_filter: { from: 'yesterday' } }, world.callers.pr))).toMatchObject({
      message: 'invalid_value',
    });
    expect(await refusal(db().rpc('inbox', { p_filter: {} }, world.callers.outsider))).toMatchObject({ code: '42501' });
  });

  it('refuses a token whose session was ended at sign-out, even before it expires', async () => {
    const sessionId = await db().rpc('start_staff_session', { p_user_id: world.userIds.pr, p_hours: 8 }, { role: 'service_role' });
    const caller = {
      role: 'authenticated' as const,
      claims: { sub: world.userIds.pr, role: 'authenticated' as const, session_id: sessionId },
    };
    expect(await db().rpc('staff_me', { p_locale: 'th' }, caller)).toMatchObject({ role: 'pr_officer' });
    await db().rpc('end_staff_session', { p_session_id: sessionId }, { role: 'service_role' });
    expect(await db().rpc('staff_me', { p_locale: 'th' }, caller)).toBeNull();
    expect(await refusal(db().rpc('inbox', { p_filter: {} }, caller))).toMatchObject({ code: '42501' });
    expect(await db().rpc('staff_me', { p_locale: 'th' }, world.callers.pr)).toMatchObject({ role: 'pr_officer' }); // other sessions go on
  });

  it('signs out a deactivated staff member everywhere at once', async () => {
    await ownerQuery(db(), 'update staff set active = false where user_id = $1', [world.userIds.finance]);
    expect(await db().rpc('staff_me', { p_locale: 'th' }, world.callers.finance)).toBeNull();
    expect(await refusal(db().rpc('inbox', { p_filter: {} }, world.callers.finance))).toMatchObject({ code: '42501' });
    await ownerQuery(db(), 'update staff set active = true where user_id = $1', [world.userIds.finance]);
  });
});

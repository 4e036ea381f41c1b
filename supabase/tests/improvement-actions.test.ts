import { beforeAll, expect, it } from 'vitest';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';
import { attempt, buildWorld, type World } from './staff-fixtures';

onEveryDatabase('improvement actions', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });
  const save = (who: keyof World['callers'], id: number | null, version: number | null, action: Record<string, unknown>) =>
    db().rpc('action_save', { p_id: id, p_version: version, p_action: action }, world.callers[who]);
  const detail = async (who: keyof World['callers'], id: number) => {
    const found = await db().rpc('action_detail', { p_id: id, p_locale: 'th' }, world.callers[who]);
    if (!found) throw new Error(`action ${id} is not visible to ${who}`);
    return found;
  };

  it('links an action and its suggestions both ways, by the division that owns it', async () => {
    const created = await save('clerk', null, null, {
      title: { th: 'ติดตั้งเครื่องออกบัตรคิว' },
      division: 'clerk',
      servicePoints: ['civil-registration'],
      items: ['process_queue', 'not_an_item'],
      suggestions: [world.suggestions.clerk, world.suggestions.finance],
    });
    const action = await detail('pr', created.id);
    // The finance suggestion is not visible to the clerk's office, so it was not linked.
    expect(action.suggestions.map((s) => s.id)).toEqual([world.suggestions.clerk]);
    expect(action).toMatchObject({ items: [{ code: 'process_queue' }], servicePoints: [{ slug: 'civil-registration' }] });
    const [link] = await ownerQuery<{ action_id: number }>(
      db(),
      'select action_id from improvement_action_suggestion where suggestion_id = $1',
      [world.suggestions.clerk],
    );
    expect(Number(link?.action_id)).toBe(created.id);

    expect(await refusal(save('finance', created.id, created.version, { progress: 50 }))).toMatchObject({ code: '42501' });
    expect(await refusal(save('executive', null, null, { title: { th: 'x' }, division: 'clerk' }))).toMatchObject({ code: '42501' });
    expect(await refusal(save('clerk', created.id, created.version - 1, { progress: 50 }))).toMatchObject({ code: '40001' });
    expect(await refusal(save('clerk', created.id, created.version, { status: 'dropped' }))).toMatchObject({ message: 'reason_required' });
  });

  it('lets only the PR officer and the admin publish: a division proposes, by any path', async () => {
    // The attack: a division clerk published an action to the public page without review.
    const { id } = await save('clerk', null, null, { title: { th: 'ติดตั้งพัดลม' }, division: 'clerk', saidSummary: { th: 'ร้อน' } });
    expect(await refusal(db().rpc('action_set_published', { p_id: id, p_published: true }, world.callers.clerk))).toMatchObject({
      code: '42501',
    });
    // Straight to the table, as Supabase's API would let a signed-in clerk do within RLS.
    expect(await attempt(db(), world.callers.clerk, 'update improvement_action set published = true where id = $1', [id])).toBe('refused');
    expect(
      await attempt(
        db(),
        world.callers.clerk,
        `insert into improvement_action (division_id, title, published)
      values ((select id from division where slug = 'clerk'), '{"th": "ลัดขั้นตอน"}', true) returning id`,
      ),
    ).toBe('refused');
    const [row] = await ownerQuery<{ published: boolean }>(db(), 'select published from improvement_action where id = $1', [id]);
    expect(row?.published).toBe(false);
    // The division still edits its own proposal; the PR officer publishes it, and the admin may take it down.
    const current = await detail('clerk', id);
    await save('clerk', id, current.version, { progress: 40 });
    await db().rpc('action_set_published', { p_id: id, p_published: true }, world.callers.pr);
    expect(await attempt(db(), world.callers.clerk, 'update improvement_action set published = false where id = $1', [id])).toBe('refused');
    await db().rpc('action_set_published', { p_id: id, p_published: false }, world.callers.admin);
  });

  it('shows anon only what a staff member published, and audits every publish and unpublish', async () => {
    const { id } = await save('pr', null, null, { title: { th: 'ปรับปรุงห้องน้ำ' }, division: 'health-environment' });
    const visible = async () => (await db().rpc('public_actions', { p_filter: {}, p_locale: 'th' }, anon)).map((a) => a.id);
    expect(await visible()).not.toContain(id);
    expect(await refusal(db().rpc('action_set_published', { p_id: id, p_published: true }, world.callers.pr))).toMatchObject({
      message: 'summary_required',
    });
    const current = await detail('pr', id);
    await save('pr', id, current.version, { saidSummary: { th: 'ประชาชนแจ้งว่าห้องน้ำไม่สะอาด' } });
    await db().rpc('action_set_published', { p_id: id, p_published: true }, world.callers.pr);
    expect(await visible()).toContain(id);
    expect(await db().rpc('public_actions', { p_filter: { id: String(id) } }, anon)).toHaveLength(1);
    await db().rpc('action_set_published', { p_id: id, p_published: false }, world.callers.pr);
    expect(await visible()).not.toContain(id);
    const audits = await ownerQuery<{ after: { published?: boolean } }>(
      db(),
      "select after from audit_log where entity = 'improvement_action' and entity_id = $1 and action = 'update' and after ? 'published' order by id",
      [String(id)],
    );
    expect(audits.map((a) => a.after.published)).toEqual([true, false]);
  });

  it('measures satisfaction before and after completion, and says so when there are too few responses', async () => {
    // Waste fees, completed 1 June 2026 (Bangkok), window 90 days: 20 ratings of 3 before, 20 of 5 after.
    // before: mean 3, S.D. 0 → after: mean 5 → difference 2, margin 1.96 × √(0/20 + 0/20) = 0: an improvement.
    const at = (day: string) => `${day}T10:00:00+07:00`;
    for (let i = 0; i < 20; i++) {
      await submit(
        db(),
        submission({
          service_point: 'waste-fees',
          overall_rating: 3,
          channel: 'paper',
          created_at: at(`2026-04-${String(10 + (i % 15)).padStart(2, '0')}`),
        }),
      );
      await submit(
        db(),
        submission({
          service_point: 'waste-fees',
          overall_rating: 5,
          channel: 'paper',
          created_at: at(`2026-07-${String(1 + (i % 28)).padStart(2, '0')}`),
        }),
      );
    }
    const created = await save('pr', null, null, {
      title: { th: 'ชำระค่าขยะผ่านแอปธนาคาร' },
      division: 'health-environment',
      servicePoints: ['waste-fees'],
      status: 'done',
      completedDate: '2026-06-01',
    });
    const overall = (await detail('pr', created.id)).impact!.scopes.find((s) => s.code === 'overall')!;
    expect(overall.before).toMatchObject({ n: 20, mean: 3 });
    expect(overall.after).toMatchObject({ n: 20, mean: 5 });
    expect(Number(overall.difference)).toBe(2);
    expect(Number(overall.margin)).toBe(0);
    expect(overall.enough).toBe(true);

    await ownerQuery(db(), 'update organisation set impact_min_responses = 21');
    const few = (await detail('pr', created.id)).impact!.scopes.find((s) => s.code === 'overall')!;
    expect(few.enough).toBe(false);
    // Published, the public sees that there is not enough to tell, and no figures at all.
    const version = (await detail('pr', created.id)).version;
    await save('pr', created.id, version, { saidSummary: { th: 'อยากจ่ายค่าขยะผ่านแอป' } });
    await db().rpc('action_set_published', { p_id: created.id, p_published: true }, world.callers.pr);
    const [published] = await db().rpc('public_actions', { p_filter: { id: String(created.id) } }, anon);
    expect(published?.impact?.scopes[0]).toEqual({ code: 'overall', enough: false });
    await ownerQuery(db(), 'update organisation set impact_min_responses = 20');
  });

  it('shows the public an action’s figures only once its after period has closed, so days cannot be subtracted', async () => {
    // Done 20 days ago (Bangkok). With a 14-day window both periods are closed; with 90 days the after period is open
    // and grows by a day each day, and the difference of two days' public figures would be that day's ratings.
    const day = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 5; i++) {
      await submit(
        db(),
        submission({ service_point: 'waste-fees', overall_rating: 2, channel: 'paper', created_at: `${day(-30 + i)}T10:00:00+07:00` }),
      );
      await submit(
        db(),
        submission({ service_point: 'waste-fees', overall_rating: 4, channel: 'paper', created_at: `${day(-15 + i)}T10:00:00+07:00` }),
      );
    }
    await ownerQuery(db(), 'update organisation set impact_min_responses = 5, impact_window_days = 14');
    try {
      const created = await save('pr', null, null, {
        title: { th: 'เพิ่มช่องชำระค่าขยะ' },
        division: 'health-environment',
        servicePoints: ['waste-fees'],
        status: 'done',
        completedDate: day(-20),
        saidSummary: { th: 'รอนาน' },
      });
      await db().rpc('action_set_published', { p_id: created.id, p_published: true }, world.callers.pr);
      const publicOverall = async () => {
        const [published] = await db().rpc('public_actions', { p_filter: { id: String(created.id) } }, anon);
        return published?.impact?.scopes.find((s) => s.code === 'overall');
      };
      expect(await publicOverall()).toMatchObject({ enough: true, before: { n: 5, mean: 2 }, after: { n: 5, mean: 4 } });

      await ownerQuery(db(), 'update organisation set impact_window_days = 90');
      expect(await publicOverall()).toEqual({ code: 'overall', enough: false, pending: true });
      // Staff still follow the figures as they grow (the open period also takes in today's ratings of the fixtures).
      const staffOverall = (await detail('pr', created.id)).impact!.scopes.find((s) => s.code === 'overall')!;
      expect(staffOverall.enough).toBe(true);
      expect(staffOverall.after!.n).toBeGreaterThanOrEqual(5);
    } finally {
      await ownerQuery(db(), 'update organisation set impact_min_responses = 20, impact_window_days = 90');
    }
  });

  it('resolves the linked suggestions with one reply when done, and asks the citizen whether it helped', async () => {
    const receipt = 'the-citizens-receipt-secret';
    const { reference, checkCode } = await submit(db(), submission({ receipt, suggestion: { text: 'คิวยาวมาก' } }));
    const [s] = await ownerQuery<{ id: number }>(
      db(),
      'select s.id from suggestion s join response r on r.id = s.response_id where r.reference = $1',
      [reference],
    );
    const { id, version } = await save('pr', null, null, { title: { th: 'บัตรคิว' }, division: 'clerk', suggestions: [Number(s!.id)] });
    expect(await refusal(db().rpc('action_resolve_suggestions', { p_id: id, p_reply: 'ติดตั้งแล้ว' }, world.callers.pr))).toMatchObject({
      message: 'action_not_done',
    });
    await save('pr', id, version, { status: 'done', saidSummary: { th: 'รอคิวนาน' } });
    expect(await db().rpc('action_resolve_suggestions', { p_id: id, p_reply: 'ติดตั้งเครื่องออกบัตรคิวแล้ว' }, world.callers.pr)).toEqual({
      resolved: 1,
      skipped: 0,
    });
    await db().rpc('action_set_published', { p_id: id, p_published: true }, world.callers.pr);

    const tracked = await db().rpc('track_actions', { p_reference: reference, p_check: checkCode, p_locale: 'th' }, serviceRole);
    expect(tracked).toMatchObject({ actions: [{ id }], askFeedback: true, feedbackGiven: false });
    expect(
      await db().rpc('record_resolution_feedback', { p_reference: reference, p_receipt: receipt, p_answer: 'yes' }, serviceRole),
    ).toMatchObject({ recorded: true });
    // A double tap changes nothing; the filer's later answer replaces the first (receipts.test.ts: strangers cannot answer).
    expect(
      await db().rpc('record_resolution_feedback', { p_reference: reference, p_receipt: receipt, p_answer: 'yes' }, serviceRole),
    ).toMatchObject({ recorded: true });
    expect((await db().rpc('track_actions', { p_reference: reference, p_check: checkCode }, serviceRole))?.feedbackGiven).toBe(true);
    expect((await detail('pr', id)).feedback).toEqual({ yes: 1, no: 0, notSure: 0 });
    await expect(
      db().rpc('record_resolution_feedback', { p_reference: reference, p_receipt: receipt, p_answer: 'yes' }, anon),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

import { expect, it } from 'vitest';
import { onEveryDatabase } from './databases';
import { ownerQuery } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * The LPA's 15-day rule, with the clock moved: each suggestion is due its first public reply within
 * organisation.reply_due_days of its arrival; the inbox shows when it is due and when it was answered, and the report
 * counts the share answered in time.
 */
onEveryDatabase('the reply deadline', (db) => {
  let world: World;
  const daysAgo = (id: number, days: number) =>
    ownerQuery(db(), `update suggestion set created_at = now() - make_interval(days => $2) where id = $1`, [id, days]);
  const reply = (id: number, afterDays: number) =>
    ownerQuery(
      db(),
      `insert into suggestion_reply (suggestion_id, author_id, body, created_at)
      select s.id, $3::uuid, 'ได้ดำเนินการแล้ว', s.created_at + make_interval(days => $2) from suggestion s where s.id = $1`,
      [id, afterDays, world.userIds.pr],
    );
  const period = () => {
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
    return { p_from: from, p_to: to, p_examples: 0 };
  };

  it('gives each suggestion its due date and first reply, and counts the share answered in time', async () => {
    world = await buildWorld(db());
    // Moved 20 days back: one answered on day 10 (in time), one never answered (overdue); one new today (not yet due).
    await daysAgo(world.suggestions.clerk, 20);
    await reply(world.suggestions.clerk, 10);
    await daysAgo(world.suggestions.finance, 20);

    const inbox = await db().rpc('inbox', { p_filter: { limit: 100 }, p_locale: 'th' }, world.callers.pr);
    expect(inbox.dueDays).toBe(15);
    const item = (id: number) => inbox.items.find((i) => i.id === id)!;
    const clerk = item(world.suggestions.clerk);
    expect(Date.parse(clerk.dueAt) - Date.parse(clerk.createdAt)).toBe(15 * 86_400_000);
    expect(Date.parse(clerk.answeredAt!) - Date.parse(clerk.createdAt)).toBe(10 * 86_400_000);
    expect(item(world.suggestions.finance).answeredAt).toBeNull();
    expect(Date.parse(item(world.suggestions.finance).dueAt)).toBeLessThan(Date.now());
    expect(Date.parse(item(world.suggestions.unassigned).dueAt)).toBeGreaterThan(Date.now());

    const report = await db().rpc('report_suggestions', period(), world.callers.pr);
    expect(report.replies).toMatchObject({ dueDays: 15 });
    const ours = await ownerQuery<{ n: number }>(db(), 'select count(*)::int as n from suggestion');
    // Other tests' suggestions are new and not yet due; of ours, two are due and one was answered in time.
    expect(ours[0]!.n).toBeGreaterThanOrEqual(3);
    expect(report.replies).toMatchObject({ due: 2, answeredInTime: 1 });
  });

  it("follows the admin's setting: with 5 days, the reply on day 10 was late", async () => {
    await db().rpc('admin_update_organisation', { p_changes: { replyDueDays: 5 } }, world.callers.admin);
    const report = await db().rpc('report_suggestions', period(), world.callers.pr);
    // The new suggestion is still not due; the two old ones are, and neither was answered within 5 days.
    expect(report.replies).toMatchObject({ dueDays: 5, due: 2, answeredInTime: 0 });
    const inbox = await db().rpc('inbox', { p_filter: { limit: 100 }, p_locale: 'th' }, world.callers.pr);
    expect(inbox.dueDays).toBe(5);
    await expect(db().rpc('admin_update_organisation', { p_changes: { replyDueDays: 0 } }, world.callers.admin)).rejects.toMatchObject({
      code: '22023',
    });
    await db().rpc('admin_update_organisation', { p_changes: { replyDueDays: 15 } }, world.callers.admin);
  });

  it('counts the new items the caller may see, whatever the filter', async () => {
    const pr = await db().rpc('inbox', { p_filter: { status: 'resolved' }, p_locale: 'th' }, world.callers.pr);
    const [{ n }] = (await ownerQuery<{ n: number }>(db(), "select count(*)::int as n from suggestion where status = 'new'")) as [
      { n: number },
    ];
    expect(pr.items).toEqual([]);
    expect(pr.newCount).toBe(n);
    // The finance clerk sees only what is routed to finance, which is no longer new.
    const finance = await db().rpc('inbox', { p_filter: {}, p_locale: 'th' }, world.callers.finance);
    expect(finance.newCount).toBe(0);
  });
});

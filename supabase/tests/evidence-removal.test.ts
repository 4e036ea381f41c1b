import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { anon } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal } from './fixtures';
import { buildWorld, type Who, type World } from './staff-fixtures';

/**
 * Removing a wrong photo from an improvement action (one showing a citizen's face, say): allowed to whoever may add
 * it, refused out loud to anyone else, audited, and gone from the public page at once.
 */
onEveryDatabase('evidence removal', (db) => {
  let world: World;
  let clerkAction: number;
  let financeAction: number;
  beforeAll(async () => {
    world = await buildWorld(db());
    const create = async (division: string) =>
      (
        await db().rpc(
          'action_save',
          { p_id: null, p_version: null, p_action: { title: { th: `หลักฐาน ${division}` }, division, saidSummary: { th: 'รอนาน' } } },
          world.callers.pr,
        )
      ).id;
    clerkAction = await create('clerk');
    financeAction = await create('finance');
  });

  const add = (actionId: number) =>
    db().rpc(
      'action_add_evidence',
      {
        p_id: actionId,
        p_evidence: {
          id: randomUUID(),
          kind: 'image',
          mediaType: 'image/png',
          byteSize: 100,
          sha256: 'a'.repeat(64),
          caption: {},
          isPublic: true,
        },
      },
      world.callers.pr,
    );
  const remove = (who: Who, evidence: string) => db().rpc('action_remove_evidence', { p_evidence: evidence }, world.callers[who]);
  const stored = async (evidence: string) =>
    (await ownerQuery(db(), 'select 1 from improvement_action_evidence where id = $1', [evidence])).length === 1;
  const removals = (evidence: string) =>
    ownerQuery<{ entity_id: string; actor_id: string; actor_role: string; before: { id: string }; after: unknown }>(
      db(),
      "select entity_id, actor_id, actor_role, before, after from audit_log where entity = 'improvement_action_evidence' and action = 'delete' and before ->> 'id' = $1",
      [evidence],
    );

  it("lets division staff remove the evidence of their own division's action, and audits who did it", async () => {
    const evidence = await add(clerkAction);
    expect(await remove('clerk', evidence)).toBe(true);
    expect(await stored(evidence)).toBe(false);
    expect(await removals(evidence)).toEqual([
      {
        entity_id: String(clerkAction),
        actor_id: world.userIds.clerk,
        actor_role: 'division_staff',
        before: expect.objectContaining({ id: evidence }),
        after: null,
      },
    ]);
    // A second click (or another tab) finds it gone: no error, nothing more removed or audited.
    expect(await remove('clerk', evidence)).toBe(false);
    expect(await removals(evidence)).toHaveLength(1);
  });

  it('refuses division staff of another division, executives and anon, and keeps the evidence', async () => {
    const evidence = await add(clerkAction);
    expect(await refusal(remove('finance', evidence))).toMatchObject({ code: '42501', message: 'forbidden' });
    expect(await refusal(remove('executive', evidence))).toMatchObject({ code: '42501', message: 'forbidden' });
    expect(await refusal(remove('anon', evidence))).toMatchObject({ code: '42501' });
    // A signed-in user who is not staff does not even see it.
    expect(await remove('outsider', evidence)).toBe(false);
    expect(await stored(evidence)).toBe(true);
    expect(await removals(evidence)).toEqual([]);
  });

  it("lets the PR officer remove any division's evidence, also from a published action, and the public sees it go", async () => {
    const evidence = await add(financeAction);
    await db().rpc('action_set_published', { p_id: financeAction, p_published: true }, world.callers.pr);
    const publicEvidence = async () =>
      (await db().rpc('public_actions', { p_filter: { id: String(financeAction) } }, anon))[0]?.evidence.map((e) => e.id);
    expect(await publicEvidence()).toContain(evidence);
    expect(await db().rpc('public_evidence', { p_evidence: evidence }, anon)).toMatchObject({ id: evidence });

    expect(await remove('pr', evidence)).toBe(true);
    expect(await publicEvidence()).toEqual([]);
    expect(await db().rpc('public_evidence', { p_evidence: evidence }, anon)).toBeNull();
    expect(await removals(evidence)).toEqual([
      expect.objectContaining({ entity_id: String(financeAction), actor_id: world.userIds.pr, actor_role: 'pr_officer' }),
    ]);
  });
});

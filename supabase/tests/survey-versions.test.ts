import { beforeAll, expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

interface Version {
  versionNo: number;
  status: string;
  overallQuestion: Record<string, string>;
  respondentQuestions: string[];
  items: { code: string; dimension: string; text: Record<string, string>; answers: number }[];
}

const full = (th: string) => ({ th, en: `${th} (en)`, my: `${th} (my)` });

/**
 * Survey versions: drafts are copies, a published version never changes, publishing retires the previous one in
 * the same transaction, responses keep their version, and an item is its code across versions.
 */
onEveryDatabase('survey versions', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });
  const admin = () => world.callers.admin;
  const version = (no: number) => db().rpc('admin_survey_version', { p_version_no: no }, admin());
  const save = (no: number, draft: unknown) => db().rpc('admin_survey_draft_save', { p_version_no: no, p_draft: draft }, admin());
  const asDraft = (v: Version) => ({
    overallQuestion: v.overallQuestion,
    respondentQuestions: v.respondentQuestions,
    items: v.items.map(({ code, dimension, text }) => ({ code, dimension, text })),
  });

  it('refuses any change to the published version: removing an item in use is only possible as a new version', async () => {
    const v1 = await version(1);
    expect(v1.status).toBe('published');
    const without = { ...asDraft(v1), items: asDraft(v1).items.filter((i) => i.code !== 'process_speed') };
    const refused = await refusal(save(1, without));
    expect([refused.code, refused.message, refused.detail]).toEqual(['22023', 'survey_version_frozen', '_form']);
    // Directly, too: the trigger keeps published items as they are.
    expect((await refusal(db().query("delete from survey_item where code = 'process_speed'", [], admin()))).message).toBe(
      'survey_version_frozen',
    );
    expect((await version(1)).items.map((i) => i.code)).toContain('process_speed');
  });

  it('copies the published version into one draft, validates every text in every locale, and publishes atomically', async () => {
    const old = await submit(db(), submission({ answers: { process_speed: 2, staff_polite: 5 } }));
    const { versionNo } = await db().rpc('admin_survey_draft_create', {}, admin());
    expect((await refusal(db().rpc('admin_survey_draft_create', {}, admin()))).message).toBe('draft_exists');
    const draft = asDraft(await version(versionNo));
    expect(draft.items).toHaveLength(12);

    const bad = async (changed: unknown) => {
      const e = await refusal(save(versionNo, changed));
      return `${e.message} ${e.detail}`;
    };
    expect(await bad({ ...draft, overallQuestion: { th: 'คำถาม', en: 'Question' } })).toBe('translation_required overall.my');
    expect(await bad({ ...draft, items: [...draft.items, { code: 'Bad Code', dimension: 'staff', text: full('x') }] })).toBe(
      'invalid_item_code items.12.code',
    );
    expect(await bad({ ...draft, items: [...draft.items, { code: 'overall', dimension: 'staff', text: full('x') }] })).toBe(
      'invalid_item_code items.12.code',
    );
    expect(await bad({ ...draft, items: [...draft.items, { ...draft.items[0]! }] })).toBe('duplicate_item_code items.12.code');
    expect(await bad({ ...draft, items: [{ ...draft.items[0]!, text: { th: 'ขั้นตอน', en: 'Steps' } }] })).toBe(
      'translation_required items.0.text.my',
    );
    // The same code is the same item: moving it to another dimension needs a new code.
    expect(await bad({ ...draft, items: [{ ...draft.items[0]!, dimension: 'staff' }] })).toBe('item_dimension_changed items.0.dimension');
    expect(await bad({ ...draft, respondentQuestions: ['religion'] })).toBe('invalid_choice respondentQuestions');

    // Reword process_simple, drop process_speed, add a new item, stop asking occupation.
    const items = draft.items
      .filter((i) => i.code !== 'process_speed')
      .map((i) => (i.code === 'process_simple' ? { ...i, text: full('ขั้นตอนง่าย เข้าใจได้ทันที') } : i));
    items.push({ code: 'staff_explained', dimension: 'staff', text: full('เจ้าหน้าที่อธิบายชัดเจน') });
    await save(versionNo, { ...draft, items, respondentQuestions: ['gender', 'age_band'] });
    expect((await version(1)).status).toBe('published'); // nothing changes until it is published

    await db().rpc('admin_survey_publish', { p_version_no: versionNo }, admin());
    const statuses = await ownerQuery<{ version_no: number; status: string }>(
      db(),
      'select version_no, status from survey_version order by version_no',
    );
    expect(statuses).toEqual([
      { version_no: 1, status: 'retired' },
      { version_no: versionNo, status: 'published' },
    ]);
    expect((await refusal(save(versionNo, draft))).message).toBe('survey_version_frozen');

    // The old response keeps version 1 and its item texts; a new one answers the new version.
    const [kept] = await ownerQuery<{ version_no: number; codes: string[] }>(
      db(),
      `select v.version_no, array_agg(i.code order by i.code) as codes from response r join survey_version v on v.id = r.survey_version_id
       join response_answer a on a.response_id = r.id join survey_item i on i.id = a.item_id where r.reference = $1 group by v.version_no`,
      [old.reference],
    );
    expect(kept).toEqual({ version_no: 1, codes: ['process_speed', 'staff_polite'] });
    expect((await refusal(submit(db(), submission({ answers: { process_speed: 3 } })))).message).toBe('unknown_item');
    await submit(db(), submission({ answers: { process_simple: 4, staff_explained: 5 } }));

    // Statistics pool by code: process_simple under its new wording, process_speed still reported from old answers.
    const stats = await db().rpc('satisfaction_stats', { p_filter: {}, p_locale: 'th' }, serviceRole);
    expect(stats.items.find((i) => i.code === 'process_simple')?.text).toBe('ขั้นตอนง่าย เข้าใจได้ทันที');
    expect(stats.items.find((i) => i.code === 'process_speed')?.n).toBeGreaterThan(0);
    expect(stats.items.find((i) => i.code === 'staff_explained')?.n).toBe(1);

    const form = await db().rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, serviceRole);
    expect(form?.survey).toMatchObject({ versionNo, respondentQuestions: ['age_band', 'gender'] });
  });

  it('is for admins only, and audits every item change', async () => {
    for (const who of ['pr', 'clerk', 'executive'] as const) {
      expect((await refusal(db().rpc('admin_survey_draft_create', {}, world.callers[who]))).code, who).toBe('42501');
    }
    const audit = await ownerQuery<{ n: number }>(
      db(),
      "select count(*)::int as n from audit_log where entity = 'survey_item' and actor_role = 'admin'",
    );
    expect(audit[0]!.n).toBeGreaterThan(0);
    const { versionNo } = await db().rpc('admin_survey_draft_create', {}, admin());
    await db().rpc('admin_survey_draft_delete', { p_version_no: versionNo }, admin());
    expect((await refusal(db().rpc('admin_survey_draft_delete', { p_version_no: 1 }, admin()))).message).toBe('survey_version_frozen');
  });
});

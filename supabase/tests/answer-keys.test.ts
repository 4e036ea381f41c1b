import { expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * The keys of response_answer are checked once per statement (migration 20261127110000), not by two foreign keys
 * per row: the same guarantees, at a fraction of the cost of a twelve-item submission.
 */
onEveryDatabase('answer keys', (db) => {
  const answersOf = async (responseId: string) =>
    (await ownerQuery<{ n: number }>(db(), 'select count(*)::int as n from response_answer where response_id = $1', [responseId]))[0]!.n;
  const itemId = async (code: string) =>
    (await ownerQuery<{ id: number }>(db(), "select i.id from survey_item i join survey_version v on v.id = i.survey_version_id where v.status = 'published' and i.code = $1", [code]))[0]!.id;

  it('does not lock the survey items a submission answers (no hot rows shared by every submission)', async () => {
    const items = async () => (await ownerQuery<{ xmax: string }>(db(), 'select xmax::text from survey_item order by id')).map((r) => r.xmax);
    const before = await items();
    await submit(db(), submission({ answers: { process_speed: 4, staff_polite: 5, facilities_clean: 3, outcome_correct: 2 } }));
    // A foreign key check locks each parent row FOR KEY SHARE, which stamps the row with the locking transaction.
    expect(await items()).toEqual(before);
  });

  it('refuses an answer without its response, to an item of a draft, or from another version; a bad row stores none of its statement', async () => {
    const { responseId } = await submit(db(), submission());
    const [{ version }] = (await ownerQuery<{ version: number }>(db(), 'select survey_version_id as version from response where id = $1', [responseId])) as [{ version: number }];
    const good = await itemId('process_speed');

    const missing = await refusal(db().query(
      'insert into response_answer (response_id, survey_version_id, item_id, rating) values (gen_random_uuid(), $1, $2, 3)', [version, good], serviceRole));
    expect(missing.code).toBe('23503');

    // A draft version, a response that claims it, and an answer to the draft's item: drafts may still lose their items.
    await db().exec(`
      insert into survey_version (version_no, overall_question) values (77, '{"th": "ฉบับร่าง"}');
      insert into survey_item (survey_version_id, code, dimension, text)
        select id, 'draft_item', 'process', '{"th": "ข้อของฉบับร่าง"}' from survey_version where version_no = 77;
      insert into response (client_key, reference, service_point_id, survey_version_id, overall_rating)
        select gen_random_uuid(), 'TEST-DRAFT-1', (select min(id) from service_point), id, 3 from survey_version where version_no = 77;`);
    const draft = await refusal(db().query(
      `insert into response_answer (response_id, survey_version_id, item_id, rating)
       select r.id, r.survey_version_id, i.id, 4 from response r join survey_item i on i.survey_version_id = r.survey_version_id
       where r.reference = 'TEST-DRAFT-1'`, [], serviceRole));
    expect(draft.code).toBe('23503');

    // Two good answers and one claiming another version in one statement: nothing of it is stored.
    const mixed = await refusal(db().query(
      `insert into response_answer (response_id, survey_version_id, item_id, rating)
       select $1::uuid, $2::bigint, i.id, 5 from survey_item i where i.survey_version_id = $2::bigint and i.code in ('staff_polite', 'facilities_clean')
       union all
       select $1::uuid, i.survey_version_id, i.id, 5 from survey_item i where i.code = 'draft_item'`, [responseId, version], serviceRole));
    expect(mixed.code).toBe('23503');
    expect(await answersOf(responseId)).toBe(0);

    await db().query('insert into response_answer (response_id, survey_version_id, item_id, rating) values ($1, $2, $3, 2)',
      [responseId, version, good], serviceRole);
    expect(await answersOf(responseId)).toBe(1);
  });

  it('keeps the keys of answers and of responses fixed', async () => {
    const { responseId } = await submit(db(), submission({ answers: { process_speed: 2 } }));
    const other = await itemId('staff_polite');
    const moved = await refusal(db().query('update response_answer set item_id = $2 where response_id = $1', [responseId, other], serviceRole));
    expect(moved.code).toBe('55000');
    const reversioned = await refusal(ownerQuery(db(), 'update response set survey_version_id = survey_version_id + 1 where id = $1', [responseId]));
    expect(reversioned.code).toBe('55000');
    // A rating may change (an amendment), and so may everything else of a response.
    await db().query('update response_answer set rating = 5 where response_id = $1', [responseId], serviceRole);
    await ownerQuery(db(), "update response set flag = 'burst_address' where id = $1", [responseId]);
  });

  it('deletes the answers with their response, and empties them with TRUNCATE response CASCADE', async () => {
    const { responseId } = await submit(db(), submission({ answers: { process_speed: 2, staff_polite: 4 } }));
    const { responseId: kept } = await submit(db(), submission({ answers: { process_speed: 5 } }));
    await ownerQuery(db(), 'delete from response where id = $1', [responseId]);
    expect(await answersOf(responseId)).toBe(0);
    expect(await answersOf(kept)).toBe(1);

    await ownerQuery(db(), 'truncate response cascade');
    expect(await ownerQuery(db(), 'select * from response_answer')).toEqual([]);
  });

  it('leaves no answer behind when a response is deleted while answers are being added to it', async () => {
    const { responseId } = await submit(db(), submission());
    const good = await itemId('process_speed');
    // One transaction adds an answer and stays open a moment; another deletes the response meanwhile. On a server the
    // delete waits for the first to commit, then takes the answer along (on PGlite the two simply run in turn).
    const adding = db().exec(`
      insert into response_answer (response_id, survey_version_id, item_id, rating)
        select id, survey_version_id, ${Number(good)}, 3 from response where id = '${responseId}';
      select pg_sleep(0.4);`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const deleting = ownerQuery(db(), 'delete from response where id = $1', [responseId]);
    await Promise.all([adding, deleting]);
    expect(await ownerQuery(db(), 'select * from response where id = $1', [responseId])).toEqual([]);
    expect(await answersOf(responseId)).toBe(0);
  });
});

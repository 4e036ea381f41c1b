import { expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * The answers' integrity is declared by keys, not simulated by triggers: each rule a trigger once enforced is refused
 * here by a constraint, with the SQLSTATE a caller saw then (23503, foreign key violation).
 */
onEveryDatabase('answer keys', (db) => {
  const answersOf = async (responseId: string) =>
    (await ownerQuery<{ n: number }>(db(), 'select count(*)::int as n from response_answer where response_id = $1', [responseId]))[0]!.n;
  const itemId = async (code: string) =>
    (
      await ownerQuery<{ id: number }>(
        db(),
        "select i.id from survey_item i join survey_version v on v.id = i.survey_version_id where v.status = 'published' and i.code = $1",
        [code],
      )
    )[0]!.id;

  it('states the rules as constraints: no trigger guards the keys of responses or answers', async () => {
    const keys = await ownerQuery<{ name: string; definition: string }>(
      db(),
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint
       where conrelid in ('public.response_answer'::regclass, 'public.response'::regclass) and contype = 'f' order by 1`,
    );
    expect(keys.map((k) => k.definition)).toEqual(
      expect.arrayContaining([
        'FOREIGN KEY (response_id, survey_version_id) REFERENCES response(id, survey_version_id) ON DELETE CASCADE',
        'FOREIGN KEY (item_id, survey_version_id) REFERENCES survey_item(id, survey_version_id)',
        'FOREIGN KEY (survey_version_id, survey_version_accepts) REFERENCES survey_version(id, accepts_responses)',
      ]),
    );
    const triggers = await ownerQuery<{ name: string }>(
      db(),
      `select tgname as name from pg_trigger where tgrelid = 'public.response_answer'::regclass and not tgisinternal order by 1`,
    );
    expect(triggers.map((t) => t.name).filter((name) => !name.startsWith('stat_'))).toEqual([]);
  });

  it('refuses an answer without its response, a response to a draft, an item of another version; a bad row stores none of its statement', async () => {
    const { responseId } = await submit(db(), submission());
    const [{ version }] = (await ownerQuery<{ version: number }>(db(), 'select survey_version_id as version from response where id = $1', [
      responseId,
    ])) as [{ version: number }];
    const good = await itemId('process_speed');

    const missing = await refusal(
      db().query(
        'insert into response_answer (response_id, survey_version_id, item_id, rating) values (gen_random_uuid(), $1, $2, 3)',
        [version, good],
        serviceRole,
      ),
    );
    expect(missing.code).toBe('23503');

    // A draft version and its item: a response may not claim the draft (its items may still change or go).
    await db().exec(`
      insert into survey_version (version_no, overall_question) values (77, '{"th": "ฉบับร่าง"}');
      insert into survey_item (survey_version_id, code, dimension, text)
        select id, 'draft_item', 'process', '{"th": "ข้อของฉบับร่าง"}' from survey_version where version_no = 77;`);
    const draft = await refusal(
      db().query(
        `insert into response (client_key, reference, service_point_id, survey_version_id, overall_rating)
       select gen_random_uuid(), 'TEST-DRAFT-1', (select min(id) from service_point), id, 3 from survey_version where version_no = 77`,
        [],
        serviceRole,
      ),
    );
    expect(draft.code).toBe('23503');

    // Two good answers and one naming another version's item in one statement: nothing of it is stored.
    const mixed = await refusal(
      db().query(
        `insert into response_answer (response_id, survey_version_id, item_id, rating)
       select $1::uuid, $2::bigint, i.id, 5 from survey_item i where i.survey_version_id = $2::bigint and i.code in ('staff_polite', 'facilities_clean')
       union all
       select $1::uuid, $2::bigint, i.id, 5 from survey_item i where i.code = 'draft_item'`,
        [responseId, version],
        serviceRole,
      ),
    );
    expect(mixed.code).toBe('23503');
    expect(await answersOf(responseId)).toBe(0);

    await db().query(
      'insert into response_answer (response_id, survey_version_id, item_id, rating) values ($1, $2, $3, 2)',
      [responseId, version, good],
      serviceRole,
    );
    expect(await answersOf(responseId)).toBe(1);
  });

  it("refuses keys that would leave an answer outside its response's version", async () => {
    const { responseId } = await submit(db(), submission({ answers: { process_speed: 2 } }));
    const draftItem = (await ownerQuery<{ id: number }>(db(), "select id from survey_item where code = 'draft_item'"))[0]!.id;
    const moved = await refusal(
      db().query('update response_answer set item_id = $2 where response_id = $1', [responseId, draftItem], serviceRole),
    );
    expect(moved.code).toBe('23503');
    const reversioned = await refusal(
      ownerQuery(db(), 'update response set survey_version_id = survey_version_id + 1 where id = $1', [responseId]),
    );
    expect(reversioned.code).toBe('23503');
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

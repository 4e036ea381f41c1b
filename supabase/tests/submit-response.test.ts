import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';

const THAI_EMOJI_HTML = 'ห้องน้ำไม่สะอาด 🚻 <script>alert("x")</script> & “quotes” — e\u0301 ✔';

onEveryDatabase('submit_response', (db) => {
  it('stores a one-tap rating at once, with a reference of the fiscal year', async () => {
    const payload = submission({ overall_rating: 5, locale: 'en' });
    const result = await submit(db(), payload);
    expect(result.created).toBe(true);
    expect(result.reference).toMatch(/^KP-25\d\d-\d{6}$/);

    const [row] = await ownerQuery<Record<string, unknown>>(
      db(),
      `select r.overall_rating, r.locale, r.channel, r.reference, r.is_demo, r.flag, p.slug,
              app.fiscal_year(r.created_at) as fy
       from response r join service_point p on p.id = r.service_point_id where r.client_key = $1`,
      [payload.client_key],
    );
    expect(row).toMatchObject({ overall_rating: 5, locale: 'en', channel: 'qr', slug: 'civil-registration', is_demo: false, flag: null });
    expect(row?.reference).toBe(result.reference);
    expect(String(row?.reference)).toContain(`-${row?.fy}-`);
  });

  it("records a survey opened from the municipality's website as the web channel (issue 18)", async () => {
    const payload = submission({ overall_rating: 4, channel: 'web' });
    await submit(db(), payload);
    const [row] = await ownerQuery<{ channel: string }>(db(), 'select channel from response where client_key = $1', [payload.client_key]);
    expect(row?.channel).toBe('web');
  });

  it('names the fiscal year by Bangkok time, and the planner inlines it', async () => {
    // FY2566 = 1 Oct 2022 – 30 Sep 2023 in Bangkok (UTC+7): its first second is 30 Sep 2022 17:00 UTC.
    const years = await ownerQuery<{ fy: number }>(
      db(),
      `select app.fiscal_year(t) as fy from unnest(array[
         '2022-09-30 16:59:59+00', '2022-09-30 17:00:00+00', '2023-09-30 16:59:59+00', '2023-09-30 17:00:00+00',
         '2024-02-29 12:00:00+00']::timestamptz[]) with ordinality as u(t, n) order by n`,
    );
    expect(years.map((y) => y.fy)).toEqual([2565, 2566, 2566, 2567, 2567]);
    // Inlined: the plan computes the expression itself, with no call of the function left in it.
    const plan = await ownerQuery<{ 'QUERY PLAN': string }>(db(), 'explain (verbose, costs off) select app.fiscal_year(now())');
    expect(plan.map((line) => line['QUERY PLAN']).join('\n')).not.toContain('fiscal_year');
  });

  it('stores exactly what was sent: answers, respondent, suggestion text as typed, and contact apart', async () => {
    const payload = submission({
      overall_rating: 2,
      answers: { process_speed: 1, staff_polite: 5, facilities_clean: 3 },
      respondent: { gender: 'female', age_band: '60_plus', education: 'primary', occupation: 'farmer' },
      suggestion: { text: THAI_EMOJI_HTML, category: 'facilities' },
      contact: { consent: true, name: 'ป้าสมศรี', phone: '081-234-5678' },
    });
    const result = await submit(db(), payload);
    expect(result).toMatchObject({ created: true, hasSuggestion: true });

    const answers = await ownerQuery<{ code: string; rating: number }>(
      db(),
      `select i.code, a.rating from response_answer a join survey_item i on i.id = a.item_id
       join response r on r.id = a.response_id where r.client_key = $1 order by i.code`,
      [payload.client_key],
    );
    expect(answers).toEqual([
      { code: 'facilities_clean', rating: 3 },
      { code: 'process_speed', rating: 1 },
      { code: 'staff_polite', rating: 5 },
    ]);
    const [response] = await ownerQuery(
      db(),
      'select gender, age_band, education, occupation, overall_rating from response where client_key = $1',
      [payload.client_key],
    );
    expect(response).toEqual({ gender: 'female', age_band: '60_plus', education: 'primary', occupation: 'farmer', overall_rating: 2 });

    const [suggestion] = await ownerQuery<{ id: number; body: string; category: string; status: string; wants_reply: boolean }>(
      db(),
      'select s.id, s.body, s.category, s.status, s.wants_reply from suggestion s join response r on r.id = s.response_id where r.client_key = $1',
      [payload.client_key],
    );
    expect(suggestion).toMatchObject({ body: THAI_EMOJI_HTML, category: 'facilities', status: 'new', wants_reply: true });

    const [contact] = await ownerQuery<{ name: string; phone: string; email: string | null; days: number }>(
      db(),
      `select name, phone, email, round(extract(epoch from purge_after - consent_at) / 86400)::int as days
       from contact_detail where suggestion_id = $1`,
      [suggestion?.id],
    );
    expect(contact).toEqual({ name: 'ป้าสมศรี', phone: '081-234-5678', email: null, days: 365 });
  });

  it('never stores a second response for the same client key: a double tap or a resubmit updates the first', async () => {
    const payload = submission({ overall_rating: 3 });
    const first = await submit(db(), payload);
    const again = await submit(db(), payload);
    const more = await submit(db(), { ...payload, overall_rating: 4, answers: { staff_polite: 4 }, suggestion: { text: 'ขอที่นั่งเพิ่ม' } });
    const sameAgain = await submit(db(), { ...payload, overall_rating: 4, suggestion: { text: 'ขอที่นั่งเพิ่ม' } });

    expect(again).toEqual({ ...first, created: false });
    expect(more).toMatchObject({ reference: first.reference, created: false, hasSuggestion: true });
    expect(sameAgain.reference).toBe(first.reference);
    const rows = await ownerQuery<{ n: number; rating: number; suggestions: number }>(
      db(),
      `select count(*)::int as n, max(overall_rating)::int as rating,
              (select count(*)::int from suggestion s join response r2 on r2.id = s.response_id where r2.client_key = $1) as suggestions
       from response where client_key = $1`,
      [payload.client_key],
    );
    expect(rows[0]).toEqual({ n: 1, rating: 4, suggestions: 1 });
  });

  it('keeps one response when the same key arrives twice at the same moment', async () => {
    const payload = submission();
    const results = await Promise.all([submit(db(), payload), submit(db(), payload), submit(db(), payload)]);
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [{ n }] = (await ownerQuery<{ n: number }>(db(), 'select count(*)::int as n from response where client_key = $1', [
      payload.client_key,
    ])) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('issues consecutive references within a fiscal year and restarts numbering in the next one', async () => {
    const a = await submit(db(), submission({ created_at: '2023-09-30T16:59:59Z', channel: 'paper' })); // 23:59:59 30 Sep, Bangkok
    const b = await submit(db(), submission({ created_at: '2023-09-30T17:00:00Z', channel: 'paper' })); // 00:00 1 Oct → FY2567
    const c = await submit(db(), submission({ created_at: '2023-10-02T03:00:00Z', channel: 'paper' }));
    expect(a.reference).toBe('KP-2566-000001');
    expect(b.reference).toBe('KP-2567-000001');
    expect(c.reference).toBe('KP-2567-000002');
  });

  it('refuses, in the database itself, ratings out of range or of the wrong type', async () => {
    for (const bad of [0, 6, 2.5, '4', null, true, [4], { v: 4 }]) {
      const r = await refusal(submit(db(), submission({ overall_rating: bad })));
      expect(r).toMatchObject({ code: '22023', message: 'invalid_rating', detail: 'overall_rating' });
    }
    const item = await refusal(submit(db(), submission({ answers: { staff_polite: 9 } })));
    expect(item).toMatchObject({ message: 'invalid_rating', detail: 'answers.staff_polite' });
  });

  it('refuses unknown items, unknown fields, bad choices, oversized or control-character text', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ answers: { not_an_item: 3 } }, 'unknown_item', 'answers.not_an_item'],
      [{ admin: true }, 'unknown_field', 'admin'],
      [{ respondent: { religion: 'x' } }, 'unknown_field', 'respondent.religion'],
      [{ respondent: { gender: 'robot' } }, 'invalid_choice', 'respondent.gender'],
      [{ suggestion: { text: 'ก'.repeat(2001) } }, 'text_too_long', 'suggestion.text'],
      [{ suggestion: { text: 'bell\u0007' } }, 'invalid_characters', 'suggestion.text'],
      [{ suggestion: { text: '   ' } }, 'required', 'suggestion.text'],
      [{ suggestion: { text: 'ok', category: 'bribe' } }, 'invalid_choice', 'suggestion.category'],
      [{ service_point: 'no-such-point' }, 'unknown_service_point', 'service_point'],
      [{ client_key: 'not-a-uuid' }, 'invalid_client_key', 'client_key'],
      [{ channel: 'fax' }, 'invalid_choice', 'channel'],
      [{ created_at: '2999-01-01T00:00:00Z' }, 'invalid_date', 'created_at'],
    ];
    for (const [overrides, message, detail] of cases) {
      expect(await refusal(submit(db(), submission(overrides)))).toMatchObject({ code: '22023', message, detail });
    }
  });

  it('takes contact details only with consent, with a suggestion, and with a phone or an email', async () => {
    const withText = { suggestion: { text: 'โทรกลับด้วย' } };
    expect(await refusal(submit(db(), submission({ ...withText, contact: { consent: false, phone: '0812345678' } })))).toMatchObject({
      message: 'consent_required',
      detail: 'contact.consent',
    });
    expect(await refusal(submit(db(), submission({ ...withText, contact: { phone: '0812345678' } })))).toMatchObject({
      message: 'consent_required',
    });
    expect(await refusal(submit(db(), submission({ contact: { consent: true, phone: '0812345678' } })))).toMatchObject({
      message: 'contact_needs_suggestion',
    });
    expect(await refusal(submit(db(), submission({ ...withText, contact: { consent: true, name: 'x' } })))).toMatchObject({
      message: 'contact_needs_channel',
    });
    expect(await refusal(submit(db(), submission({ ...withText, contact: { consent: true, email: 'not-an-email' } })))).toMatchObject({
      message: 'invalid_email',
      detail: 'contact.email',
    });
  });

  it('stores nothing from a refused submission, not even the rating that came with it', async () => {
    const before = await ownerQuery<{ r: number; s: number; c: number; k: number }>(
      db(),
      `select (select count(*)::int from response) as r, (select count(*)::int from suggestion) as s,
              (select count(*)::int from contact_detail) as c, (select coalesce(sum(last_value), 0)::int from pg_sequences where schemaname = 'app' and sequencename like 'response_reference_%') as k`,
    );
    await refusal(submit(db(), submission({ suggestion: { text: 'ดี' }, contact: { consent: true, email: 'bad' } })));
    await refusal(submit(db(), submission({ answers: { staff_polite: 2, nope: 1 } })));
    const after = await ownerQuery(
      db(),
      `select (select count(*)::int from response) as r, (select count(*)::int from suggestion) as s,
              (select count(*)::int from contact_detail) as c, (select coalesce(sum(last_value), 0)::int from pg_sequences where schemaname = 'app' and sequencename like 'response_reference_%') as k`,
    );
    expect(after).toEqual(before);
  });

  it('numbers the first references of a new fiscal year uniquely when they arrive at the same moment', async () => {
    // 2019-06: fiscal year 2562, which no other test uses; its sequence is created by whichever call comes first.
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => submit(db(), submission({ created_at: `2019-06-0${i + 1}T03:00:00Z`, channel: 'paper' }))),
    );
    expect(results.map((r) => r.reference).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `KP-2562-00000${i + 1}`));
  });

  it('keeps the reference numbers to the server: no caller draws one or sees the counters', async () => {
    await submit(db(), submission());
    const staff = { role: 'authenticated' as const, claims: { sub: randomUUID(), role: 'authenticated' as const } };
    const [{ seq }] = (await ownerQuery<{ seq: string }>(db(), 'select app.reference_sequence(app.fiscal_year(now()))::text as seq')) as [
      { seq: string },
    ];
    for (const caller of [anon, staff]) {
      expect((await refusal(db().query(`select nextval('${seq}')`, [], caller))).code).toBe('42501');
      expect((await refusal(db().query('select app.next_reference(now())', [], caller))).code).toBe('42501');
    }
  });

  it('refuses to reuse a key for another service point, and to amend a response after two hours', async () => {
    const payload = submission();
    await submit(db(), payload);
    expect(await refusal(submit(db(), { ...payload, service_point: 'waste-fees' }))).toMatchObject({ message: 'client_key_reused' });

    const old = submission();
    await submit(db(), old);
    await db().query("update response set created_at = now() - interval '3 hours' where client_key = $1", [old.client_key], serviceRole);
    expect(await refusal(submit(db(), { ...old, overall_rating: 1 }))).toMatchObject({ message: 'response_closed' });
  });

  it('keeps a suggestion editable only until staff have looked at it', async () => {
    const payload = submission({ suggestion: { text: 'ข้อความแรก' } });
    await submit(db(), payload);
    await submit(db(), { ...payload, suggestion: { text: 'ข้อความที่แก้' } });
    await db().query(
      "update suggestion set status = 'acknowledged' where response_id = (select id from response where client_key = $1)",
      [payload.client_key],
      serviceRole,
    );
    expect(await refusal(submit(db(), { ...payload, suggestion: { text: 'แก้อีก' } }))).toMatchObject({ message: 'suggestion_locked' });
    const [row] = await ownerQuery(
      db(),
      'select s.body from suggestion s join response r on r.id = s.response_id where r.client_key = $1',
      [payload.client_key],
    );
    expect(row).toEqual({ body: 'ข้อความที่แก้' });
  });

  it('is not executable by anon or by a signed-in user: only the server, after its own checks', async () => {
    for (const caller of [anon, { role: 'authenticated' as const, claims: { sub: randomUUID(), role: 'authenticated' as const } }]) {
      const error = await refusal(db().rpc('submit_response', { p_submission: submission() }, caller));
      expect(error.code).toBe('42501');
    }
  });

  it('refuses, at the table, an answer to an item of another survey version and a rating of 7', async () => {
    const { responseId } = await submit(db(), submission());
    await db().exec(`
      insert into survey_version (version_no, overall_question) values (99, '{"th": "ทดสอบ"}');
      insert into survey_item (survey_version_id, code, dimension, text)
        select id, 'other_item', 'process', '{"th": "ข้อของอีกฉบับ"}' from survey_version where version_no = 99;`);
    const foreign = await refusal(
      db().query(
        `insert into response_answer (response_id, survey_version_id, item_id, rating)
       select r.id, r.survey_version_id, i.id, 3 from response r, survey_item i where r.id = $1 and i.code = 'other_item'`,
        [responseId],
        serviceRole,
      ),
    );
    expect(foreign.code).toBe('23503'); // foreign key: the item is not of the response's version
    const seven = await refusal(db().query('update response set overall_rating = 7 where id = $1', [responseId], serviceRole));
    expect(seven.code).toBe('23514'); // check constraint
  });
});

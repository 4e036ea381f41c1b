import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * Issue 17, complainants: the attacks an outsider ran, each tried here the way they ran it. A reference is sequential
 * and read aloud, and the client key travels in URLs: neither may amend a response, erase its contact details, answer
 * "did this solve it?" for it, or open its status page. The receipt secret (held by the citizen's browser) and the
 * check code (printed beside the reference) are what those need.
 */
onEveryDatabase('receipts', (db) => {
  const receipt = () => randomBytes(16).toString('base64url');
  const row = async (reference: string) => {
    const [found] = await ownerQuery<{ overall_rating: number; body: string | null; phone: string | null }>(
      db(),
      `select r.overall_rating, s.body, c.phone from response r left join suggestion s on s.response_id = r.id
       left join contact_detail c on c.suggestion_id = s.id where r.reference = $1`,
      [reference],
    );
    return found;
  };
  const citizen = async (secret = receipt()) => {
    const payload = submission({
      receipt: secret,
      overall_rating: 5,
      suggestion: { text: 'เจ้าหน้าที่พูดจาไม่สุภาพ' },
      contact: { consent: true, phone: '0812345678' },
    });
    const stored = await submit(db(), payload);
    return { payload, secret, ...stored };
  };

  it('amends only with the receipt: the client key from the URL changes nothing, and answers as a closed response does', async () => {
    const victim = await citizen();
    const overwrite = { overall_rating: 1, suggestion: { text: 'ทุกอย่างดีมาก' }, contact: { consent: true, phone: '0899999999' } };
    // The attack: the key alone (as before this fix), and the key with a receipt of the attacker's own.
    for (const attempt of [
      { ...victim.payload, receipt: undefined, ...overwrite },
      { ...victim.payload, ...overwrite, receipt: receipt() },
    ]) {
      const failure = await refusal(submit(db(), JSON.parse(JSON.stringify(attempt))));
      expect(failure).toMatchObject({ code: '22023', message: 'response_closed' });
      expect(JSON.stringify(failure)).not.toContain(victim.reference);
    }
    // Even the service point of another counter says nothing more (not "client_key_reused").
    expect(await refusal(submit(db(), { ...victim.payload, receipt: receipt(), service_point: 'waste-fees' }))).toMatchObject({
      message: 'response_closed',
    });
    expect(await row(victim.reference)).toEqual({ overall_rating: 5, body: 'เจ้าหน้าที่พูดจาไม่สุภาพ', phone: '0812345678' });

    // The citizen's own browser, with the receipt, still amends the same response (a language switch, "send" after "done").
    const amended = await submit(db(), { ...victim.payload, overall_rating: 4 });
    expect(amended).toMatchObject({ reference: victim.reference, created: false });
    expect((await row(victim.reference))?.overall_rating).toBe(4);
  });

  it('stores only a hash of the receipt, and refuses one that is not a receipt secret', async () => {
    const mine = await citizen();
    const [stored] = await ownerQuery<{ receipt_hash: string }>(db(), 'select receipt_hash from response where reference = $1', [
      mine.reference,
    ]);
    expect(stored!.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.receipt_hash).not.toContain(mine.secret);
    expect(await refusal(submit(db(), submission({ receipt: 'short' })))).toMatchObject({ message: 'invalid_value', detail: 'receipt' });
  });

  it('erases contact details only for the receipt holder, and answers the same whether anything matched', async () => {
    const victim = await citizen();
    const stranger = await citizen();
    const answers = [
      await db().rpc('forget_contact', { p_reference: victim.reference, p_receipt: stranger.secret }, serviceRole), // wrong secret
      await db().rpc('forget_contact', { p_reference: victim.reference, p_receipt: '0812345678' }, serviceRole), // the phone: no proof
      await db().rpc('forget_contact', { p_reference: 'KP-2500-999999', p_receipt: victim.secret }, serviceRole), // unknown reference
    ];
    expect((await row(victim.reference))?.phone).toBe('0812345678');
    const own = await db().rpc('forget_contact', { p_reference: victim.reference.toLowerCase(), p_receipt: victim.secret }, serviceRole);
    expect(await row(victim.reference)).toMatchObject({ phone: null, body: 'เจ้าหน้าที่พูดจาไม่สุภาพ' });
    expect(new Set([...answers, own].map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ done: true })]));
    expect((await row(stranger.reference))?.phone).toBe('0812345678');
  });

  it('takes "did this solve it?" only from the filer; a stranger who answered first does not block them', async () => {
    const filer = await citizen();
    await ownerQuery(db(), "update suggestion set status = 'resolved' where response_id = (select id from response where reference = $1)", [
      filer.reference,
    ]);
    const feedback = async () =>
      ownerQuery<{ answer: string }>(
        db(),
        'select f.answer from resolution_feedback f join suggestion s on s.id = f.suggestion_id join response r on r.id = s.response_id where r.reference = $1',
        [filer.reference],
      );
    // The attack: a stranger who knows the reference answers first.
    expect(
      await db().rpc('record_resolution_feedback', { p_reference: filer.reference, p_receipt: receipt(), p_answer: 'yes' }, serviceRole),
    ).toMatchObject({ recorded: false });
    expect(await feedback()).toEqual([]);
    // An answer left before receipts existed (by anyone) is replaced by the filer's.
    await ownerQuery(
      db(),
      "insert into resolution_feedback (suggestion_id, answer) select s.id, 'yes' from suggestion s join response r on r.id = s.response_id where r.reference = $1",
      [filer.reference],
    );
    expect(
      await db().rpc('record_resolution_feedback', { p_reference: filer.reference, p_receipt: filer.secret, p_answer: 'no' }, serviceRole),
    ).toEqual({ recorded: true });
    expect(await feedback()).toEqual([{ answer: 'no' }]);
    // The filer may change their mind: the latest answer counts.
    await db().rpc(
      'record_resolution_feedback',
      { p_reference: filer.reference, p_receipt: filer.secret, p_answer: 'not_sure' },
      serviceRole,
    );
    expect(await feedback()).toEqual([{ answer: 'not_sure' }]);
  });

  it('shows a status page only for the reference with its check code, which a neighbour reference does not give away', async () => {
    const first = await citizen();
    const second = await citizen();
    const codeOf = async (reference: string) =>
      (await ownerQuery<{ code: string }>(db(), 'select app.check_code(id) as code from response where reference = $1', [reference]))[0]!
        .code;
    const code = await codeOf(first.reference);
    expect(code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY]{4}$/);
    expect(first.checkCode).toBe(code); // submit_response hands it to the receipt
    const track = (reference: string, check: string) =>
      db().rpc('track_response', { p_reference: reference, p_check: check, p_locale: 'th' }, serviceRole);
    // The attack: walking sequential references, with no code or a guessed one, finds nothing.
    expect(await track(first.reference, '')).toBeNull();
    expect(await track(first.reference, code === 'AAAA' ? 'CCCC' : 'AAAA')).toBeNull();
    expect(await track(second.reference, code)).toBeNull();
    expect(await track(first.reference, code.toLowerCase())).toMatchObject({ reference: first.reference, suggestion: { status: 'new' } });
    expect(
      await db().rpc('track_actions', { p_reference: first.reference, p_check: 'AAAA' === code ? 'CCCC' : 'AAAA' }, serviceRole),
    ).toBeNull();
    expect(await db().rpc('track_actions', { p_reference: first.reference, p_check: code }, serviceRole)).toMatchObject({
      askFeedback: false,
    });
    // anon cannot call the lookups at all: with Supabase's public anon key it would skip the server's per-address limit.
    await expect(db().rpc('track_response', { p_reference: first.reference, p_check: code }, anon)).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db().rpc('track_actions', { p_reference: first.reference, p_check: code }, anon)).rejects.toMatchObject({ code: '42501' });
  });
});

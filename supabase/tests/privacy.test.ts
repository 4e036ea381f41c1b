import { expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, submission, submit } from './fixtures';

/** PDPA: contact details are erased after retention, and at once when the citizen asks with their receipt (receipts.test.ts). */
onEveryDatabase('personal data', (db) => {
  const contactOf = async (reference: string) =>
    ownerQuery<{ phone: string | null; email: string | null }>(
      db(),
      'select c.phone, c.email from contact_detail c join suggestion s on s.id = c.suggestion_id join response r on r.id = s.response_id where r.reference = $1',
      [reference],
    );

  it('purges contact details past their retention, once, and records what it did without personal data', async () => {
    const old = await submit(db(), submission({ suggestion: { text: 'เก่า' }, contact: { consent: true, phone: '0811111111' } }));
    const fresh = await submit(db(), submission({ suggestion: { text: 'ใหม่' }, contact: { consent: true, phone: '0822222222' } }));
    await ownerQuery(
      db(),
      `update contact_detail set purge_after = now() - interval '1 minute'
      where suggestion_id = (select s.id from suggestion s join response r on r.id = s.response_id where r.reference = $1)`,
      [old.reference],
    );

    const result = await db().rpc('purge_expired_contacts', {}, serviceRole);
    expect(result.purged).toBeGreaterThanOrEqual(1);
    expect(await contactOf(old.reference)).toEqual([]);
    expect(await contactOf(fresh.reference)).toHaveLength(1);
    const [suggestion] = await ownerQuery<{ wants_reply: boolean; body: string }>(
      db(),
      'select s.wants_reply, s.body from suggestion s join response r on r.id = s.response_id where r.reference = $1',
      [old.reference],
    );
    expect(suggestion).toEqual({ wants_reply: false, body: 'เก่า' }); // the suggestion itself stays
    const runs = await ownerQuery<{ result: unknown }>(db(), "select result from job_run where job = 'purge_expired_contacts'");
    expect(JSON.stringify(runs)).not.toContain('0811111111');
    expect((await db().rpc('purge_expired_contacts', {}, serviceRole)).purged).toBe(0);
  });

  it('erases a citizen’s contact details on request, proved by their receipt, and audits it without personal data', async () => {
    const receipt = 'receipt-secret-of-the-citizen';
    const mine = await submit(
      db(),
      submission({ receipt, suggestion: { text: 'ติดต่อฉัน' }, contact: { consent: true, phone: '081-234-5678', email: 'me@example.org' } }),
    );
    // The phone number they left is no proof any more: others know it (issue 17).
    expect(await db().rpc('forget_contact', { p_reference: mine.reference, p_receipt: '0812345678' }, serviceRole)).toEqual({ done: true });
    expect(await contactOf(mine.reference)).toHaveLength(1);
    expect(await db().rpc('forget_contact', { p_reference: mine.reference.toLowerCase(), p_receipt: receipt }, serviceRole)).toEqual({
      done: true,
    });
    expect(await contactOf(mine.reference)).toEqual([]);
    const audit = await ownerQuery<{ action: string; after: unknown }>(
      db(),
      "select action, after from audit_log where action = 'forget_contact'",
    );
    expect(JSON.stringify(audit)).not.toContain('081');
  });

  it('is not callable by anon or staff: the server calls it after its own rate limit', async () => {
    await expect(db().rpc('forget_contact', { p_reference: 'KP-2570-000001', p_receipt: 'x' }, { role: 'anon' })).rejects.toMatchObject({
      code: '42501',
    });
    await expect(db().rpc('purge_expired_contacts', {}, { role: 'anon' })).rejects.toMatchObject({ code: '42501' });
  });
});

import { expect, it } from 'vitest';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * The SQL transports call the API in one round trip (lib/db/acting-as.ts, rpcScript): role, claims and the call as
 * one script, with the values as quoted literals. These prove that nothing of a call outlives it (role, claims, a
 * failed transaction) and that every value arrives exactly as sent, quotes and backslashes included.
 */
onEveryDatabase('the API call transport', (db) => {
  it('leaves no role, claims or open transaction behind, after a success or a refusal', async () => {
    // More calls at once than the pool has connections, so that every connection has run at least one. A connection
    // left inside a failed transaction would refuse the owner's query below (25P02).
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0
          ? refusal(submit(db(), submission({ service_point: 'no-such-point' })))
          : db().rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, anon),
      ),
    );
    const seen = await Promise.all(
      Array.from({ length: 12 }, () =>
        ownerQuery<{ who: string; claims: string | null }>(
          db(),
          "select current_user as who, nullif(current_setting('request.jwt.claims', true), '') as claims",
        ),
      ),
    );
    for (const [row] of seen)
      expect(row).toMatchObject({ who: expect.not.stringMatching(/^(anon|authenticated|service_role)$/), claims: null });
  });

  it('delivers every value exactly as sent: quotes, backslashes, SQL, Thai, emoji and combining marks', async () => {
    const text = "ก่อน'); drop table public.response; -- \\' \\\\ E'x' $1 $$ ❤️‍🔥 ผู้สูงอายุ é\u0301 \\n\\u0000?";
    const stored = await submit(db(), submission({ suggestion: { text, category: 'other' } }));
    const [row] = await ownerQuery<{ body: string }>(
      db(),
      'select s.body from suggestion s join response r on r.id = s.response_id where r.reference = $1',
      [stored.reference],
    );
    expect(row!.body).toBe(text);
    const [count] = await ownerQuery<{ n: number }>(db(), 'select count(*)::int as n from public.response');
    expect(count!.n).toBeGreaterThan(0);
  });

  it('refuses a value holding a NUL character as the database does, and keeps working', async () => {
    const failure = await refusal(db().rpc('survey_form', { p_service_point: 'civil\u0000-registration', p_locale: 'th' }, anon));
    expect(failure.code).toMatch(/^22/);
    expect(await db().rpc('survey_form', { p_service_point: 'no-such-point', p_locale: 'th' }, anon)).toBeNull();
    expect((await submit(db(), submission())).created).toBe(true);
    await expect(db().rpc('submit_response', { p_submission: submission() }, serviceRole)).resolves.toMatchObject({ created: true });
  });
});

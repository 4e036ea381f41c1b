import { randomUUID } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import { signInBuiltIn } from '../../lib/auth/built-in-auth';
import { hashPassword } from '../../lib/auth/passwords';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';

// Sessions are signed with SESSION_SECRET: given here, so that no secrets file is written by a test.
vi.stubEnv('SESSION_SECRET', 'test-session-secret-0123456789-abcdefghijklmnop');
vi.stubEnv('SOURCE_HASH_SECRET', 'test-source-hash-secret-0123456789-abcdefghijk');

/** Staff sign-in limits key on the account and the address together, whatever the spelling, and count atomically. */
onEveryDatabase('staff sign-in limits', (db) => {
  const password = 'correct horse battery staple';
  let hash: string;
  const account = async (name: string) => {
    hash ??= await hashPassword(password);
    const email = `${name}-${randomUUID().slice(0, 8)}@kp.test`;
    await db().rpc(
      'staff_upsert',
      { p_email: email, p_role: 'pr_officer', p_display_name: name, p_division: null, p_password_hash: hash },
      serviceRole,
    );
    return email;
  };
  const signIn = (email: string, pass: string, address: string) => signInBuiltIn(email, pass, address, db());

  it('a locked account stays locked under another spelling of its email (İ, capitals, full-width)', { timeout: 180_000 }, async () => {
    const email = await account('engineering');
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong', 'office')).ok).toBe(false);
    const [local, domain] = email.split('@') as [string, string];
    // U+0130 lowercases to "i" in PostgreSQL and to "i̇" in JavaScript: this spelling once signed in past the lock.
    for (const spelling of [`${local.replace('i', 'İ')}@${domain}`, email.toUpperCase(), ` ${email}`, email.replace('@', '＠')]) {
      const result = await signIn(spelling, password, 'office');
      expect(result, spelling).toMatchObject({ ok: false });
    }
    expect(await signIn(email, password, 'office')).toMatchObject({ ok: false, code: 'too_many_attempts' });
  });

  it('signs in under the normalised spelling, and the lock is no lever against a colleague elsewhere', async () => {
    const email = await account('finance');
    expect((await signIn(email.toUpperCase().replace('@', '＠'), password, 'desk')).ok).toBe(true);
    for (let i = 0; i < 6; i++) await signIn(email, 'wrong', 'attacker');
    expect(await signIn(email, password, 'attacker')).toMatchObject({ ok: false, code: 'too_many_attempts' });
    expect((await signIn(email, password, 'desk')).ok).toBe(true); // the owner, at their own desk, still signs in
    // Successful sign-ins are not failures: more than five in a row never lock anyone out.
    for (let i = 0; i < 6; i++) expect((await signIn(email, password, 'desk')).ok).toBe(true);
  }, 180_000); // about a dozen bcrypt checks (cost 12), slow on a busy machine

  it('checks at most 5 passwords when 100 attempts arrive at once', async () => {
    const email = await account('parallel');
    const results = await Promise.all(Array.from({ length: 100 }, () => signIn(email, 'wrong', 'burst')));
    // "invalid_credentials" is only ever answered after a password check; the rest were refused before it.
    expect(results.filter((r) => !r.ok && r.code === 'invalid_credentials')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.code === 'too_many_attempts')).toHaveLength(95);
  }, 180_000);
});

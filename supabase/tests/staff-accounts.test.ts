import { beforeAll, expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

const HASH = '$2b$12$abcdefghijklmnopqrstuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu';

/**
 * Staff accounts are Supabase Auth users (issue 19): staff_upsert writes the account exactly as Supabase Auth (GoTrue)
 * writes a confirmed email user, with the identity it needs for email sign-in; and a user deleted in Supabase's
 * dashboard after writing notes, replies and actions is deleted, their writing kept without an author.
 */
onEveryDatabase('staff accounts', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });

  it('writes a new account as Supabase Auth would: its own id, instance, audience, role, metadata and email identity', async () => {
    const { userId } = await db().rpc(
      'staff_upsert',
      { p_email: ' New.Person@Test.Example ', p_role: 'executive', p_display_name: 'new', p_password_hash: HASH },
      serviceRole,
    );
    const [user] = await ownerQuery<Record<string, unknown>>(db(), 'select * from auth.users where id = $1', [userId]);
    expect(user).toMatchObject({
      instance_id: '00000000-0000-0000-0000-000000000000',
      aud: 'authenticated',
      role: 'authenticated',
      email: 'new.person@test.example',
      encrypted_password: HASH,
      confirmation_token: '',
      recovery_token: '',
      email_change_token_new: '',
      email_change: '',
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: { sub: userId, email: 'new.person@test.example', email_verified: true },
    });
    expect(user!.email_confirmed_at).not.toBeNull();
    expect(user!.created_at).not.toBeNull();
    const identities = await ownerQuery(
      db(),
      'select provider, provider_id, email, identity_data from auth.identities where user_id = $1',
      [userId],
    );
    expect(identities).toEqual([
      {
        provider: 'email',
        provider_id: userId,
        email: 'new.person@test.example',
        identity_data: expect.objectContaining({ sub: userId, email: 'new.person@test.example' }),
      },
    ]);
  });

  it('refuses an account id that Supabase Auth does not have, and writes nothing', async () => {
    const error = await refusal(
      db().rpc(
        'staff_upsert',
        {
          p_email: 'ghost@test.example',
          p_role: 'executive',
          p_display_name: 'ghost',
          p_user_id: '6f1c1f4e-0000-4000-8000-000000000000',
        },
        serviceRole,
      ),
    );
    expect(error).toMatchObject({ code: '22023', message: 'unknown_user' });
    expect(
      await ownerQuery(db(), "select 1 from public.staff s join auth.users u on u.id = s.user_id where u.email = 'ghost@test.example'"),
    ).toEqual([]);
  });

  it('lets a staff user who wrote a note, a reply and an action be deleted from Supabase Auth, keeping what they wrote', async () => {
    const id = world.suggestions.clerk;
    const [{ version }] = (await ownerQuery<{ version: number }>(db(), 'select version from suggestion where id = $1', [id])) as [
      { version: number },
    ];
    await db().rpc(
      'triage_suggestion',
      { p_id: id, p_version: version, p_changes: { note: 'บันทึกภายใน', reply: 'ตอบกลับประชาชน' } },
      world.callers.pr,
    );
    const action = await db().rpc(
      'action_save',
      {
        p_id: null,
        p_version: null,
        p_action: { title: { th: 'ติดตั้งเครื่องออกบัตรคิว' }, division: 'clerk', servicePoints: ['civil-registration'] },
      },
      world.callers.pr,
    );
    await db().rpc('action_add_update', { p_id: action.id, p_happened_on: '2026-12-01', p_body: { th: 'สั่งซื้อแล้ว' } }, world.callers.pr);
    const pr = world.userIds.pr;

    await ownerQuery(db(), 'delete from auth.users where id = $1', [pr]);

    const notes = await ownerQuery<{ author_id: string | null; body: string }>(
      db(),
      'select author_id, body from suggestion_note where suggestion_id = $1',
      [id],
    );
    const replies = await ownerQuery<{ author_id: string | null }>(
      db(),
      'select author_id from suggestion_reply where suggestion_id = $1',
      [id],
    );
    expect(notes).toEqual([{ author_id: null, body: 'บันทึกภายใน' }]);
    expect(replies).toEqual([{ author_id: null }]);
    expect(await ownerQuery(db(), 'select created_by from improvement_action where id = $1', [action.id])).toEqual([{ created_by: null }]);
    expect(await ownerQuery(db(), 'select author_id from improvement_action_update where action_id = $1', [action.id])).toEqual([
      { author_id: null },
    ]);
    expect(await ownerQuery(db(), 'select 1 from staff where user_id = $1', [pr])).toEqual([]);
  });
});

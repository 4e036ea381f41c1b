import { beforeAll, expect, it } from 'vitest';
import { serviceRole, type Caller } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

/** Built-in sessions: deactivating an account ends them, and reactivating it does not bring them back. */
onEveryDatabase('staff sessions', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });
  const session = async (userId: string): Promise<Caller> => {
    const id = await db().rpc('start_staff_session', { p_user_id: userId, p_hours: 8 }, serviceRole);
    return { role: 'authenticated', claims: { sub: userId, role: 'authenticated', session_id: id } };
  };
  const me = (caller: Caller) => db().rpc('staff_me', { p_locale: 'th' }, caller);
  const emailOf = async (userId: string) =>
    (await ownerQuery<{ email: string }>(db(), 'select email from auth.users where id = $1', [userId]))[0]!.email;

  it('a session from before a deactivation stays dead after the account is reactivated', async () => {
    const clerk = world.userIds.clerk;
    const email = await emailOf(clerk);
    const old = await session(clerk);
    expect(await me(old)).toMatchObject({ role: 'division_staff' });
    const setActive = (active: boolean) =>
      db().rpc(
        'admin_save_staff',
        { p_email: email, p_role: 'division_staff', p_display_name: 'clerk', p_division: 'clerk', p_active: active },
        world.callers.admin,
      );
    await setActive(false);
    expect(await me(old)).toBeNull();
    // The attack: reactivating the account revived the session a departed clerk (or whoever held the laptop) still had.
    await setActive(true);
    expect(await me(old)).toBeNull();
    expect(await me(await session(clerk))).toMatchObject({ role: 'division_staff' }); // a new sign-in works
  });

  it('also when the account comes back through staff:add (staff_upsert)', async () => {
    const finance = world.userIds.finance;
    const email = await emailOf(finance);
    const old = await session(finance);
    await db().rpc(
      'admin_save_staff',
      { p_email: email, p_role: 'division_staff', p_display_name: 'finance', p_division: 'finance', p_active: false },
      world.callers.admin,
    );
    await db().rpc(
      'staff_upsert',
      { p_email: email, p_role: 'division_staff', p_display_name: 'finance', p_division: 'finance', p_password_hash: null },
      serviceRole,
    );
    expect(await me(old)).toBeNull();
  });

  it('leaves the sessions of a change that is not one of activation alone', async () => {
    const executive = world.userIds.executive;
    const current = await session(executive);
    const email = await emailOf(executive);
    await db().rpc(
      'admin_save_staff',
      { p_email: email, p_role: 'executive', p_display_name: 'นายก', p_active: true },
      world.callers.admin,
    );
    expect(await me(current)).toMatchObject({ role: 'executive' });
  });
});

import { expect, it } from 'vitest';
import { isPermissionDenied, isRefusal } from '../../lib/db/errors';
import { onEveryDatabase } from './databases';
import { buildWorld, type World } from './staff-fixtures';

/**
 * The yearly report's signature block (organisation.report_signatories): the admin sets it with the rest of the
 * organisation, every staff role reads it to print the report, the public never does; blanks are dropped, anything
 * malformed is refused whole, and saving other settings never touches it.
 */
onEveryDatabase('the report signatories', (db) => {
  let world: World;
  const signatories = {
    preparer: { name: { th: ' นางสาวสมศรี ใจดี ', en: 'Ms Somsri Jaidee' }, position: { th: 'นักประชาสัมพันธ์', en: '' } },
    approver: { name: { th: 'นายสมชาย รักษ์ถิ่น', en: '' }, position: { th: 'ปลัดเทศบาล', en: 'Municipal Clerk' } },
  };
  const tidied = {
    preparer: { name: { th: 'นางสาวสมศรี ใจดี', en: 'Ms Somsri Jaidee' }, position: { th: 'นักประชาสัมพันธ์' } },
    approver: { name: { th: 'นายสมชาย รักษ์ถิ่น' }, position: { th: 'ปลัดเทศบาล', en: 'Municipal Clerk' } },
  };

  it('is set by the admin, tidied, and read by every staff role to print the report', async () => {
    world = await buildWorld(db());
    await db().rpc('admin_update_organisation', { p_changes: { reportSignatories: signatories } }, world.callers.admin);
    for (const who of ['admin', 'pr', 'clerk', 'executive'] as const) {
      expect(await db().rpc('report_signatories', {}, world.callers[who]), who).toEqual(tidied);
    }
    // In the admin's settings too, so the form shows what is stored.
    expect((await db().rpc('admin_settings', {}, world.callers.admin)).organisation.report_signatories).toEqual(tidied);
  });

  it('is kept when other settings are saved without it', async () => {
    await db().rpc('admin_update_organisation', { p_changes: { replyDueDays: 15 } }, world.callers.admin);
    expect(await db().rpc('report_signatories', {}, world.callers.pr)).toEqual(tidied);
  });

  it('is not public, and only the admin changes it', async () => {
    await expect(db().rpc('report_signatories', {}, world.callers.anon)).rejects.toSatisfy(isPermissionDenied);
    expect(await db().rpc('report_signatories', {}, world.callers.outsider)).toBeNull();
    await expect(db().rpc('admin_update_organisation', { p_changes: { reportSignatories: {} } }, world.callers.pr)).rejects.toSatisfy(
      isPermissionDenied,
    );
    expect(await db().rpc('report_signatories', {}, world.callers.pr)).toEqual(tidied);
  });

  it('refuses a malformed block whole, naming the field, and stores nothing of it', async () => {
    const refusals: [unknown, string][] = [
      [{ signer: {} }, 'unknown_field'],
      [{ preparer: { title: { th: 'x' } } }, 'unknown_field'],
      [{ preparer: { name: { th: 'x', my: 'y' } } }, 'unknown_field'],
      [{ preparer: { name: { th: 42 } } }, 'invalid_value'],
      [{ approver: { position: { th: 'ก'.repeat(201) } } }, 'text_too_long'],
      [{ approver: { position: { en: 'a\u0007b' } } }, 'invalid_characters'],
      ['ชื่อ', 'invalid_value'],
    ];
    for (const [value, code] of refusals) {
      const call = db().rpc(
        'admin_update_organisation',
        { p_changes: { reportSignatories: value, replyDueDays: 20 } },
        world.callers.admin,
      );
      await expect(call, JSON.stringify(value)).rejects.toSatisfy((e: unknown) => isRefusal(e) && (e as Error).message === code);
    }
    expect(await db().rpc('report_signatories', {}, world.callers.pr)).toEqual(tidied);
    expect((await db().rpc('admin_settings', {}, world.callers.admin)).organisation.reply_due_days).toBe(15);
  });
});

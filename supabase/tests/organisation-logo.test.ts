import { beforeAll, expect, it } from 'vitest';
import { anon } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal } from './fixtures';
import { buildWorld, type World } from './staff-fixtures';

/**
 * The municipality's logo (issue 18: the home page names whose site it is, and the printed report needs the emblem):
 * the admin sets it, everyone sees it through public_logo, the database checks the bytes again, and the audit trail
 * names the image without carrying it.
 */

// A 1×1 PNG: the signature, IHDR, IDAT and IEND.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

onEveryDatabase('the organisation logo', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(db());
  });

  it('is set by the admin, read by anyone, replaced, and removed, each change audited by its hash', async () => {
    expect(await db().rpc('public_logo', { p_data: true }, anon)).toBeNull();
    await db().rpc('admin_set_logo', { p_logo: { mediaType: 'image/png', data: PNG.toString('base64') } }, world.callers.admin);
    const shown = await db().rpc('public_logo', { p_data: true }, anon);
    expect(shown).toMatchObject({ mediaType: 'image/png', data: PNG.toString('base64') });
    expect(shown!.version).toMatch(/^\d+$/);
    expect(await db().rpc('public_logo', { p_data: false }, anon)).toEqual({ mediaType: 'image/png', version: shown!.version, data: null });

    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db().rpc('admin_set_logo', { p_logo: { mediaType: 'image/jpeg', data: jpeg.toString('base64') } }, world.callers.admin);
    const replaced = await db().rpc('public_logo', { p_data: false }, anon);
    expect(replaced!.mediaType).toBe('image/jpeg');
    expect(replaced!.version).not.toBe(shown!.version); // a new address, so no browser keeps the old image

    await db().rpc('admin_set_logo', { p_logo: null }, world.callers.admin);
    expect(await db().rpc('public_logo', { p_data: true }, anon)).toBeNull();

    const audit = await ownerQuery<{
      action: string;
      actor_role: string;
      before: { bytes: number } | null;
      after: { sha256: string; bytes: number } | null;
    }>(db(), "select action, actor_role, before, after from audit_log where entity = 'organisation_logo' order by id");
    expect(audit.map((a) => [a.action, a.actor_role])).toEqual([
      ['insert', 'admin'],
      ['update', 'admin'],
      ['delete', 'admin'],
    ]);
    expect(audit[0]!.after).toMatchObject({ mediaType: 'image/png', bytes: PNG.length });
    expect(audit[0]!.after!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(audit)).not.toContain(PNG.toString('base64').slice(0, 20));
  });

  it('refuses what is not a PNG, JPEG or WebP of at most 512 KiB, whatever the caller claims', async () => {
    const set = (logo: unknown) => refusal(db().rpc('admin_set_logo', { p_logo: logo as null }, world.callers.admin));
    const text = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(await set({ mediaType: 'image/png', data: text.toString('base64') })).toMatchObject({
      message: 'file_type_not_allowed',
      detail: 'logo',
    });
    expect(await set({ mediaType: 'image/svg+xml', data: text.toString('base64') })).toMatchObject({ code: '22023', detail: 'logo' });
    const big = Buffer.concat([PNG, Buffer.alloc(512 * 1024)]);
    expect(await set({ mediaType: 'image/png', data: big.toString('base64') })).toMatchObject({
      message: 'logo_too_large',
      detail: 'logo',
    });
    expect(await set({ mediaType: 'image/png', data: '***not base64***' })).toMatchObject({ message: 'file_damaged', detail: 'logo' });
    expect(await set({ mediaType: 'image/png', data: '' })).toMatchObject({ message: 'file_missing', detail: 'logo' });
    expect(await set({ mediaType: 'image/png', data: PNG.toString('base64'), url: 'https://x' })).toMatchObject({ code: '22023' });
    expect(await db().rpc('public_logo', { p_data: false }, anon)).toBeNull();
  });

  it('lets only the admin set it; nobody reads the table without being staff', async () => {
    const logo = { mediaType: 'image/png', data: PNG.toString('base64') };
    for (const who of ['pr', 'clerk', 'executive', 'outsider'] as const) {
      expect((await refusal(db().rpc('admin_set_logo', { p_logo: logo }, world.callers[who]))).code, who).toBe('42501');
    }
    expect((await refusal(db().rpc('admin_set_logo', { p_logo: logo }, anon))).code).toBe('42501');
    expect((await refusal(db().query('select * from organisation_logo', [], anon))).code).toBe('42501');
    expect(await db().rpc('public_logo', { p_data: false }, anon)).toBeNull();
  });
});

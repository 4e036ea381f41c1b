'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { prepareLogo } from '../logo';

/**
 * Set or remove the municipality's logo (admin only; audited by the database). A form of its own, so that saving the
 * profile never touches the logo and setting the logo never touches the profile: neither can drop a field of the other.
 */
export async function saveLogoAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const db = await getDb();
    if (v.remove === '1') {
      await db.rpc('admin_set_logo', { p_logo: null }, session.caller);
      return '/staff/admin';
    }
    const file = formData.get('logo');
    const logo = await prepareLogo(file instanceof File ? file : null);
    if (!logo.ok) throw new AdminInputError('logo', logo.code);
    await db.rpc(
      'admin_set_logo',
      { p_logo: { mediaType: logo.mediaType, data: Buffer.from(logo.bytes).toString('base64') } },
      session.caller,
    );
    return '/staff/admin';
  });
}

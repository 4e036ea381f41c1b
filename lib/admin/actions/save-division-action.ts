'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { localizedFrom } from '../form-fields';

/** Add or rename a division, and set the address its routing notices go to (admin only; audited). */
export async function saveDivisionAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const slug = (v.slug ?? '').trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(slug)) throw new AdminInputError('slug', 'invalid_slug');
    const position = v.position?.trim() ? Number(v.position) : null;
    if (position !== null && (!Number.isInteger(position) || position < 0 || position > 999))
      throw new AdminInputError('position', 'invalid_value');
    // The division's address for routing notices: typed, kept when left empty, removed when asked.
    const email = v.emailClear === 'on' ? '' : v.email?.trim() || null;
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new AdminInputError('email', 'invalid_email');
    await (
      await getDb()
    ).rpc('admin_save_division', { p_slug: slug, p_name: localizedFrom(v, 'name'), p_position: position, p_email: email }, session.caller);
    return '/staff/admin';
  });
}

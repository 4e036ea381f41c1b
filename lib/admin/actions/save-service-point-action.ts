'use server';

import type { SettingsState } from '@/lib/staff/settings-state';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';
import { localizedFrom, servicesFrom } from '../form-fields';

/** Add or change a service point (admin only; audited). A duplicate code is refused beside the field. */
export async function saveServicePointAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v) => {
    const slug = (v.slug ?? '').trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(slug)) throw new AdminInputError('slug', 'invalid_slug');
    const create = v.create === '1';
    await (
      await getDb()
    ).rpc(
      'admin_save_service_point',
      {
        p_slug: slug,
        p_point: {
          name: localizedFrom(v, 'name'),
          division: v.division ?? '',
          services: servicesFrom(v.services),
          active: create ? true : v.active === 'on',
        },
        p_create: create,
      },
      session.caller,
    );
    return `/staff/admin/service-points/${slug}`;
  });
}

'use server';

import { getTranslations } from 'next-intl/server';
import type { SettingsState } from '@/lib/staff/settings-state';
import { normaliseEmail } from '@/lib/auth/email';
import { generatePassword } from '@/lib/auth/passwords';
import { AuthAdminError, prepareAuthAccount, type AuthAccount } from '@/lib/auth/staff-accounts';
import { DbError, getDb } from '@/lib/db';
import { requestLog } from '@/lib/log';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';

const ROLES = ['admin', 'pr_officer', 'division_staff', 'executive'];

/**
 * Add a staff account, or change one's role, division or active state (admin only; audited). A new built-in account
 * gets a generated password, shown once to the admin beside the form. Staff are removed by deactivating them: their
 * notes, replies and audit rows stay attributed.
 */
export async function saveStaffAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v, _data, locale) => {
    const email = normaliseEmail(v.email ?? '');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254) throw new AdminInputError('email', 'invalid_email');
    const role = v.role ?? '';
    if (!ROLES.includes(role)) throw new AdminInputError('role', 'invalid_choice');
    if (!v.displayName?.trim()) throw new AdminInputError('displayName', 'required');
    const db = await getDb();
    const creating = v.create === '1';
    // The service-role key is used for admins only: the database checks again in admin_save_staff.
    if (session.profile.role !== 'admin') throw new DbError('42501', 'forbidden');
    // Creating: Supabase Auth makes the user where its admin API is configured; otherwise the database writes it in
    // Supabase Auth's shape (lib/auth/staff-accounts.ts). If the database then refuses (a bad division, say), the
    // Supabase Auth user stays without a staff row, which signs in to nothing; saving again reuses it.
    const password = creating ? generatePassword() : undefined;
    let account: AuthAccount = { userId: null, passwordHash: null };
    if (password) {
      try {
        account = await prepareAuthAccount(db, email, password);
      } catch (error) {
        if (!(error instanceof AuthAdminError)) throw error;
        (await requestLog()).error({ err: error.message }, 'Supabase Auth refused a staff account');
        throw new AdminInputError('email', 'auth_refused');
      }
    }
    await db.rpc(
      'admin_save_staff',
      {
        p_email: email,
        p_role: role,
        p_display_name: v.displayName.trim(),
        p_division: v.division?.trim() || null,
        p_active: creating ? true : v.active === 'on',
        p_password_hash: account.passwordHash,
        p_user_id: account.userId,
      },
      session.caller,
    );
    // A new password is shown once, in the answer to this post: never in a URL, a log or the database in clear.
    if (!password) return '/staff/admin/staff';
    return { success: (await getTranslations({ locale, namespace: 'staff.admin' }))('staffForm.passwordOnce', { email, password }) };
  });
}

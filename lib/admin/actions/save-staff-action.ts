'use server';

import type { SettingsState } from '@/components/admin/settings-form';
import { generatePassword, hashPassword } from '@/lib/auth/passwords';
import { getDb } from '@/lib/db';
import { AdminInputError, runAdminAction } from '@/lib/staff/run-staff-action';

const ROLES = ['admin', 'pr_officer', 'division_staff', 'executive'];

/**
 * Add a staff account, or change one's role, division or active state (admin only; audited). A new built-in account
 * gets a generated password, shown once to the admin beside the form; in Supabase mode Supabase Auth creates the user.
 */
export async function saveStaffAction(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  return runAdminAction(formData, async (session, v, say) => {
    const email = (v.email ?? '').trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || email.length > 254) throw new AdminInputError('email', 'invalid_email');
    const role = v.role ?? '';
    if (!ROLES.includes(role)) throw new AdminInputError('role', 'invalid_choice');
    if (!v.displayName?.trim()) throw new AdminInputError('displayName', 'required');
    const db = await getDb();
    const creating = v.create === '1';
    let password: string | undefined;
    let userId: string | null = null;
    if (creating && db.mode === 'supabase') {
      password = generatePassword();
      const { createSupabaseAdmin } = await import('@/lib/supabase/admin');
      const { data, error } = await createSupabaseAdmin().createUser({ email, password, email_confirm: true });
      if (error) throw new AdminInputError('email', 'invalid_email');
      userId = data.user.id;
    } else if (creating) {
      password = generatePassword();
    }
    await db.rpc(
      'admin_save_staff',
      {
        p_email: email,
        p_role: role,
        p_display_name: v.displayName.trim(),
        p_division: v.division?.trim() || null,
        p_active: creating ? true : v.active === 'on',
        p_password_hash: password && db.mode !== 'supabase' ? await hashPassword(password) : null,
        p_user_id: userId,
      },
      session.caller,
    );
    // A new password is shown once, in the answer to this post: never in a URL, a log or the database in clear.
    return password ? { success: say('staffForm.passwordOnce', { email, password }) } : '/staff/admin/staff';
  });
}

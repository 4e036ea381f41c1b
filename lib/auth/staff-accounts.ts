import { serviceRole, type Db } from '@/lib/db';
import { generatePassword, hashPassword } from './passwords';
import type { StaffRole } from './staff-profile';

export interface NewStaff {
  email: string;
  role: StaffRole;
  displayName: string;
  division?: string;
  password?: string;
  isDemo?: boolean;
}

/**
 * Create or update a staff account. Built-in accounts (SQL modes) get a bcrypt hash in auth.users; in Supabase mode
 * the user is created through Supabase Auth's admin API. Returns the password when one was generated, to show once.
 */
export async function addStaff(db: Db, staff: NewStaff): Promise<{ userId: string; password?: string }> {
  const password = staff.password ?? generatePassword();
  let userId: string | undefined;
  let passwordHash: string | undefined;
  if (db.mode === 'supabase') {
    const { createSupabaseAdmin } = await import('@/lib/supabase/admin');
    const { data, error } = await createSupabaseAdmin().createUser({ email: staff.email, password, email_confirm: true });
    if (error) throw new Error(`Supabase Auth refused the account: ${error.message}`);
    userId = data.user.id;
  } else {
    passwordHash = await hashPassword(password);
  }
  const result = await db.rpc(
    'staff_upsert',
    {
      p_email: staff.email,
      p_role: staff.role,
      p_display_name: staff.displayName,
      p_division: staff.division ?? null,
      p_password_hash: passwordHash ?? null,
      p_user_id: userId ?? null,
      p_is_demo: staff.isDemo ?? false,
    },
    serviceRole,
  );
  return { userId: result.userId, password: staff.password ? undefined : password };
}

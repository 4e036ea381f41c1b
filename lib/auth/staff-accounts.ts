import { serviceRole, type Db } from '@/lib/db';
import { env } from '@/lib/env';
import { normaliseEmail } from './email';
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

/** The account to hand to staff_upsert / admin_save_staff: a Supabase Auth user's id, or a bcrypt hash to write. */
export interface AuthAccount {
  userId: string | null;
  passwordHash: string | null;
}

/** Supabase Auth refused to create the account (its message is in `cause`; logs only). */
export class AuthAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthAdminError';
  }
}

/**
 * Make sure an auth user exists for `email` with `password`. With Supabase Auth's admin API configured (SUPABASE_URL
 * and the service-role key, in any mode) Supabase Auth creates it, or sets the password of the user it already has;
 * otherwise staff_upsert writes it, in the shape Supabase Auth writes (supabase/schemas/03_staff.sql).
 */
export async function prepareAuthAccount(db: Db, email: string, password: string): Promise<AuthAccount> {
  const config = env();
  if (!config.SUPABASE_URL || !config.SUPABASE_SERVICE_ROLE_KEY) return { userId: null, passwordHash: await hashPassword(password) };
  const { createSupabaseAdmin } = await import('@/lib/supabase/admin'); // loaded only when used: supabase-js is large
  const admin = createSupabaseAdmin();
  const created = await admin.createUser({ email, password, email_confirm: true });
  if (created.data.user) return { userId: created.data.user.id, passwordHash: null };
  if (created.error?.code !== 'email_exists') throw new AuthAdminError(`Supabase Auth refused the account: ${created.error?.message}`);
  const existing = await db.rpc('auth_user_for_sign_in', { p_email: email }, serviceRole);
  if (!existing) throw new AuthAdminError('Supabase Auth has this email but the database does not: is SUPABASE_URL the same project?');
  const updated = await admin.updateUserById(existing.id, { password, email_confirm: true });
  if (updated.error) throw new AuthAdminError(`Supabase Auth refused the new password: ${updated.error.message}`);
  return { userId: existing.id, passwordHash: null };
}

/**
 * Create or update a staff account (npm run staff:add, demo data). Returns the password when one was generated, to
 * show once. Staff are removed by deactivating them (the admin page), never by deleting: their history stays named.
 */
export async function addStaff(db: Db, staff: NewStaff): Promise<{ userId: string; password?: string }> {
  const password = staff.password ?? generatePassword();
  const email = normaliseEmail(staff.email); // one spelling of an email everywhere (lib/auth/email.ts)
  const account = await prepareAuthAccount(db, email, password);
  const result = await db.rpc(
    'staff_upsert',
    {
      p_email: email,
      p_role: staff.role,
      p_display_name: staff.displayName,
      p_division: staff.division ?? null,
      p_password_hash: account.passwordHash,
      p_user_id: account.userId,
      p_is_demo: staff.isDemo ?? false,
    },
    serviceRole,
  );
  return { userId: result.userId, password: staff.password ? undefined : password };
}

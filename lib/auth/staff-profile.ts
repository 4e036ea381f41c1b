import type { Caller } from '@/lib/db';

export type StaffRole = 'admin' | 'pr_officer' | 'division_staff' | 'executive';

/** What staff_me returns: who is signed in, with the role the database gives them. */
export interface StaffProfile {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  division: { id: number; slug: string; name: string } | null;
}

/** A signed-in staff member: their profile, and the caller to pass to db.rpc so RLS sees them. */
export interface StaffSession {
  profile: StaffProfile;
  caller: Caller & { role: 'authenticated' };
}

export const canTriage = (role: StaffRole) => role !== 'executive';
export const seesContactDetails = (role: StaffRole) => role === 'admin' || role === 'pr_officer';

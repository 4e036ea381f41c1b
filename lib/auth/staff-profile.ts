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

/**
 * Every role but the executive acts on feedback: triage, replies, improvement actions. The executive reads everything
 * and changes nothing. The database refuses what a role may not do; pages use this only to hide what it cannot use.
 */
export const mayAct = (role: StaffRole) => role !== 'executive';

/** The admin and the PR officer run feedback for the whole municipality: route to divisions, publish, pair kiosks. */
export const coordinatesFeedback = (role: StaffRole) => role === 'admin' || role === 'pr_officer';

import { redirect } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { currentStaff } from './current-staff';
import type { StaffSession } from './staff-profile';

/** The signed-in staff member for a staff page, or a redirect to sign-in (the layout does the same first). */
export async function requireStaff(locale: Locale): Promise<StaffSession> {
  const session = await currentStaff(locale);
  if (!session) redirect({ href: '/staff/login', locale });
  return session;
}

import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SchemaOutdated } from '@/components/staff/schema-outdated';
import { StaffNav } from '@/components/staff/staff-nav';
import { asLocale } from '@/i18n/page-locale';
import { currentStaff } from '@/lib/auth/current-staff';
import { SESSION_COOKIE } from '@/lib/auth/session-token';
import { schemaBehind } from '@/lib/db/schema-check';

export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * Every staff page is behind this: no session, an expired one, or a deactivated account goes to sign-in.
 * What each role may see is decided by the database (RLS), not here: this only refuses strangers early.
 */
export default async function SignedInLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = asLocale((await params).locale);
  // A schema older than the code would fail in the middle of someone's work: stop here and say what to run.
  const behind = await schemaBehind();
  if (behind) return <SchemaOutdated locale={locale} behind={behind} />;
  const session = await currentStaff(locale);
  if (!session) {
    const hadSession = (await cookies()).has(SESSION_COOKIE);
    redirect(`/${locale}/staff/login${hadSession ? '?expired=1' : ''}`);
  }
  return (
    <>
      <StaffNav locale={locale} profile={session.profile} />
      <main id="main" className="page staff-page">
        {children}
      </main>
    </>
  );
}

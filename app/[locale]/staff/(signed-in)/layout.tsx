import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { cookies } from 'next/headers';
import { redirect } from '@/i18n/navigation';
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
    redirect({ href: `/staff/login${hadSession ? '?expired=1' : ''}`, locale });
  }
  // The staff pages' links are next-intl's Link, which reads the locale from this provider in the browser. Only the
  // locale crosses: every text is translated on the server (messages={null}), and no citizen page has this provider.
  return (
    <NextIntlClientProvider locale={locale} messages={null}>
      <StaffNav locale={locale} profile={session.profile} />
      <main id="main" className="page staff-page">
        {children}
      </main>
    </NextIntlClientProvider>
  );
}

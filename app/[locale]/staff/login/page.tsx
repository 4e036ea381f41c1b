import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from '@/i18n/navigation';
import { SignInForm } from '@/components/staff/sign-in-form';
import { PageShell } from '@/components/ui/page-shell';
import { asLocale } from '@/i18n/page-locale';
import { signInAction } from '@/lib/auth/actions/sign-in-action';
import { currentStaff } from '@/lib/auth/current-staff';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = asLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: 'staff.signIn' });
  return { title: t('metaTitle'), robots: { index: false } };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const locale = asLocale((await params).locale);
  const query = await searchParams;
  if (await currentStaff(locale)) redirect({ href: '/staff', locale });
  const t = await getTranslations({ locale, namespace: 'staff.signIn' });
  return (
    <PageShell locale={locale} path="/staff/login">
      <h1>{t('heading')}</h1>
      {query.signedOut === '1' && (
        <p className="notice notice-ok" role="status">
          {t('signedOut')}
        </p>
      )}
      {query.expired === '1' && (
        <p className="notice notice-error" role="status">
          {t('expired')}
        </p>
      )}
      <SignInForm
        locale={locale}
        labels={{ email: t('email'), password: t('password'), submit: t('submit'), submitting: t('submitting') }}
        action={signInAction}
      />
      <p className="muted">{t('citizenHint')}</p>
    </PageShell>
  );
}

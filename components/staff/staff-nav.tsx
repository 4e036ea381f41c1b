import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { signOutAction } from '@/lib/auth/actions/sign-out-action';
import { coordinatesFeedback, type StaffProfile } from '@/lib/auth/staff-profile';
import { Link } from '@/i18n/navigation';

/** The staff header: where to go, who is signed in (with their role), and sign-out (a form: it changes state). */
export async function StaffNav({ locale, profile }: { locale: Locale; profile: StaffProfile }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  return (
    <header className="site-header staff-header">
      <nav aria-label={t('nav.label')}>
        <ul className="staff-links">
          <li>
            <Link href="/staff">{t('nav.dashboard')}</Link>
          </li>
          <li>
            <Link href="/staff/feedback">{t('nav.feedback')}</Link>
          </li>
          <li>
            <Link href="/staff/actions">{t('nav.actions')}</Link>
          </li>
          {coordinatesFeedback(profile.role) && (
            <li>
              <Link href="/staff/kiosks">{t('nav.kiosks')}</Link>
            </li>
          )}
          {profile.role !== 'division_staff' && (
            <li>
              <Link href="/staff/ita">{t('nav.ita')}</Link>
            </li>
          )}
          {profile.role === 'admin' && (
            <li>
              <Link href="/staff/admin">{t('nav.admin')}</Link>
            </li>
          )}
        </ul>
      </nav>
      <form action={signOutAction} className="staff-user">
        <span>{t('nav.signedInAs', { name: profile.displayName, role: t(`roles.${profile.role}`) })}</span>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="button button-small">
          {t('nav.signOut')}
        </button>
      </form>
    </header>
  );
}

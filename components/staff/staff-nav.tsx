import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { signOutAction } from '@/lib/auth/actions/sign-out-action';
import { coordinatesFeedback, type StaffProfile } from '@/lib/auth/staff-profile';

/** The staff header: where to go, who is signed in (with their role), and sign-out (a form: it changes state). */
export async function StaffNav({ locale, profile }: { locale: Locale; profile: StaffProfile }) {
  const t = await getTranslations({ locale, namespace: 'staff' });
  return (
    <header className="site-header staff-header">
      <nav aria-label={t('nav.label')}>
        <ul className="staff-links">
          <li>
            <a href={`/${locale}/staff`}>{t('nav.dashboard')}</a>
          </li>
          <li>
            <a href={`/${locale}/staff/feedback`}>{t('nav.feedback')}</a>
          </li>
          <li>
            <a href={`/${locale}/staff/actions`}>{t('nav.actions')}</a>
          </li>
          {coordinatesFeedback(profile.role) && (
            <li>
              <a href={`/${locale}/staff/kiosks`}>{t('nav.kiosks')}</a>
            </li>
          )}
          {profile.role !== 'division_staff' && (
            <li>
              <a href={`/${locale}/staff/ita`}>{t('nav.ita')}</a>
            </li>
          )}
          {profile.role === 'admin' && (
            <li>
              <a href={`/${locale}/staff/admin`}>{t('nav.admin')}</a>
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

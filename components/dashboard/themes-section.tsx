import { getTranslations } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import type { DisplaySettings } from '@/lib/format/thai-format';
import { countText } from '@/lib/stats/display';
import type { Theme } from '@/lib/stats/themes';

/** Frequent words and phrases in recent suggestions, each a link to the suggestions behind it in the inbox. */
export async function ThemesSection({
  locale,
  settings,
  themes,
  sampled,
  inboxRange,
  actionHref,
}: {
  locale: Locale;
  settings: DisplaySettings;
  themes: Theme[];
  sampled: number;
  inboxRange: { from?: string | null; to?: string | null };
  actionHref?: (term: string) => string | null;
}) {
  const t = await getTranslations({ locale, namespace: 'staff.dashboard' });
  const link = (term: string) => {
    const query = new URLSearchParams({ q: term });
    if (inboxRange.from) query.set('from', inboxRange.from);
    if (inboxRange.to) query.set('to', inboxRange.to);
    return `/staff/feedback?${query}`;
  };
  return (
    <section className="dashboard-section" aria-labelledby="themes-heading">
      <h2 id="themes-heading">{t('themes')}</h2>
      {themes.length === 0 ? (
        <p className="muted">{t('noThemes')}</p>
      ) : (
        <>
          <p className="muted">{t('themesHint', { count: sampled })}</p>
          <ul className="themes">
            {themes.map((theme) => (
              <li key={theme.term}>
                <Link href={link(theme.term)}>
                  {theme.term} ({countText(theme.count, locale, settings)})
                </Link>
                {actionHref?.(theme.term) && (
                  <>
                    {' '}
                    · <Link href={actionHref(theme.term)!}>{t('createAction')}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

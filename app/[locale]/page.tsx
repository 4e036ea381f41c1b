import type { Metadata } from 'next';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/ui/page-shell';
import { ReferenceLookup } from '@/components/ui/reference-lookup';
import { fiscalYearOf } from '@/lib/format/fiscal-year';
import { identityQuery } from '@/lib/responses/response-identity';
import { loadPublicServicePoints } from '@/lib/responses/service-points';
import { logoUrl } from '@/lib/admin/logo';
import { localePath } from '@/i18n/paths';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'home' });
  return { title: t('metaTitle') };
}

/**
 * The municipality's own front door (the website channel): whose site this is, every service point to rate without a
 * QR code, and the public pages. A survey opened from here is recorded with channel 'web' (via=web in its address).
 */
export default async function HomePage({ params }: Props) {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'home' });
  const nav = await getTranslations({ locale, namespace: 'public.nav' });
  const { organisation, servicePoints } = await loadPublicServicePoints(locale);
  const web = identityQuery({ channel: 'web' });
  const logo = await logoUrl();

  return (
    <PageShell locale={locale} path="/" organisation={organisation}>
      <div className="home-brand">
        {/* The municipality's own logo or emblem (set on the admin page); the app's mark until there is one. */}
        {/* eslint-disable-next-line @next/next/no-img-element -- a 56 px logo the admin uploaded (/api/logo, its own cache headers): next/image's optimiser would keep a second copy for nothing */}
        <img src={logo ?? '/icon.svg'} alt={t('logo', { name: organisation })} width={56} height={56} className="home-logo" />
        <h1>{organisation}</h1>
      </div>
      <p>{t('intro')}</p>

      <section aria-labelledby="rate-heading">
        <h2 id="rate-heading">{t('rateHeading')}</h2>
        <p className="muted">{t('rateIntro')}</p>
        {servicePoints.length === 0 ? (
          <p className="notice">{t('noServicePoints')}</p>
        ) : (
          <ul className="service-list">
            {servicePoints.map((point) => (
              <li key={point.slug}>
                <a href={localePath({ href: `/s/${point.slug}${web}`, locale })}>
                  <strong>{point.name}</strong>
                  <span className="muted">{point.division}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="track-heading">
        <h2 id="track-heading">{t('track')}</h2>
        <ReferenceLookup locale={locale} />
      </section>

      <section aria-labelledby="more-heading">
        <h2 id="more-heading">{t('moreHeading')}</h2>
        <ul className="home-links">
          <li>
            <a href={localePath({ href: '/results', locale })}>{nav('results')}</a>
          </li>
          <li>
            <a href={localePath({ href: '/improvements', locale })}>{nav('improvements')}</a>
          </li>
          <li>
            <a href={localePath({ href: `/participation/${fiscalYearOf(new Date())}`, locale })}>{t('participation')}</a>
          </li>
          <li>
            <a href={localePath({ href: '/track', locale })}>{nav('track')}</a>
          </li>
          <li>
            <a href={localePath({ href: '/staff/login', locale })}>{t('staffSignIn')}</a>
          </li>
        </ul>
      </section>
    </PageShell>
  );
}

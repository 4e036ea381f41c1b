import type { Metadata } from 'next';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/ui/page-shell';
import { ReferenceLookup } from '@/components/ui/reference-lookup';
import { PublicNav } from '@/components/public/public-nav';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'home' });
  return { title: t('metaTitle') };
}

export default async function HomePage({ params }: Props) {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'home' });
  return (
    <PageShell locale={locale} path="">
      <PublicNav locale={locale} />
      <h1>{t('heading')}</h1>
      <p>{t('intro')}</p>
      <h2>{t('track')}</h2>
      <ReferenceLookup locale={locale} />
    </PageShell>
  );
}

import type { Metadata } from 'next';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { PageShell } from '@/components/ui/page-shell';
import { ReferenceLookup } from '@/components/ui/reference-lookup';
import { isReference, normalizeReference } from '@/lib/reference';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const t = await getTranslations({ locale, namespace: 'track' });
  return { title: t('heading') };
}

/** Look up a reference; a well-formed one goes to its own page. */
export default async function TrackLookupPage({ params, searchParams }: Props) {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const { ref } = await searchParams;
  const typed = typeof ref === 'string' ? ref.slice(0, 40) : undefined;
  if (typed && isReference(typed)) redirect(`/${locale}/track/${normalizeReference(typed)}`);
  const t = await getTranslations({ locale, namespace: 'track' });
  return (
    <PageShell locale={locale} path="/track">
      <h1>{t('heading')}</h1>
      {typed !== undefined && (
        <div className="notice notice-error" role="alert">
          <strong>{t('notFoundTitle')}</strong>
          <p>{t('notFoundBody')}</p>
        </div>
      )}
      <ReferenceLookup locale={locale} defaultValue={typed} />
    </PageShell>
  );
}

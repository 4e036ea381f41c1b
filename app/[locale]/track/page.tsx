import type { Metadata } from 'next';
import { asLocale } from '@/i18n/page-locale';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { localePath } from '@/i18n/paths';
import { PageShell } from '@/components/ui/page-shell';
import { ReferenceLookup } from '@/components/ui/reference-lookup';
import { formatReceiptCode, parseReceiptCode } from '@/lib/reference';

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

/**
 * Look up a receipt code (reference + check code), typed any way; a well-formed one goes to its own page. A reference
 * without its four letters is asked for them here, without any lookup (issue 17).
 */
export default async function TrackLookupPage({ params, searchParams }: Props) {
  const { locale: segment } = await params;
  const locale = asLocale(segment);
  const { ref } = await searchParams;
  const typed = typeof ref === 'string' ? ref.slice(0, 60) : undefined;
  const code = typed ? parseReceiptCode(typed) : null;
  if (code?.checkCode) redirect(localePath({ href: `/track/${formatReceiptCode(code.reference, code.checkCode)}`, locale }));
  const t = await getTranslations({ locale, namespace: 'track' });
  return (
    <PageShell locale={locale} path="/track">
      <h1>{t('heading')}</h1>
      {typed !== undefined && (
        <div className="notice notice-error" role="alert">
          <strong>{code ? t('needsCheckCodeTitle') : t('notFoundTitle')}</strong>
          <p>{code ? t('needsCheckCodeBody') : t('notFoundBody')}</p>
        </div>
      )}
      <ReferenceLookup locale={locale} defaultValue={typed} />
    </PageShell>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { PublicActionCard } from '@/components/public/public-action';
import { PublicNav } from '@/components/public/public-nav';
import { PageShell } from '@/components/ui/page-shell';
import { asLocale } from '@/i18n/page-locale';
import { loadPublicActions } from '@/lib/improvements/public';
import { anon, getDb } from '@/lib/db';

type Props = { params: Promise<{ locale: string; id: string }> };

/** Once per request: the title (generateMetadata) and the page read the same action. */
const load = cache(async (locale: ReturnType<typeof asLocale>, id: string) => {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [action] = await loadPublicActions({ id: Number(id) }, locale);
  return action ?? null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const action = await load(asLocale(locale), id);
  return action ? { title: action.title } : {};
}

/** One published improvement, in full: timeline and evidence. An unpublished one does not exist here. */
export default async function ImprovementPage({ params }: Props) {
  const { locale: segment, id } = await params;
  const locale = asLocale(segment);
  const action = await load(locale, id);
  if (!action) notFound();
  const display = await (await getDb()).rpc('display_settings', {}, anon);
  return (
    <PageShell locale={locale} path={`/improvements/${action.id}`} organisation={display.name.th}>
      <PublicNav locale={locale} />
      <PublicActionCard locale={locale} settings={{ thaiDigits: display.thaiDigits && locale === 'th' }} action={action} full />
    </PageShell>
  );
}

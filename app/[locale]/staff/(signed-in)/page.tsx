import { redirect } from 'next/navigation';
import { asLocale } from '@/i18n/page-locale';

/** The staff home. The analysis dashboard takes this place; until then the inbox is where work starts. */
export default async function StaffHome({ params }: { params: Promise<{ locale: string }> }) {
  redirect(`/${asLocale((await params).locale)}/staff/feedback`);
}

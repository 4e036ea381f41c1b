'use server';

import { redirect } from 'next/navigation';
import { routing } from '@/i18n/routing';
import { getDb, serviceRole } from '@/lib/db';
import { isClientKey } from '@/lib/survey/response-identity';

/**
 * The citizen erases their LINE link (a plain form: works without JavaScript, as easy as giving consent was). The
 * client key proves the response is theirs. Pending notices for it are dropped with the link (line_unlink).
 */
export async function unlinkLineAction(formData: FormData): Promise<void> {
  const requested = formData.get('locale');
  const locale = routing.locales.find((l) => l === requested) ?? routing.defaultLocale;
  const key = formData.get('k');
  if (!isClientKey(key)) redirect(`/${locale}`);
  await (await getDb()).rpc('line_unlink', { p_client_key: key.toLowerCase() }, serviceRole);
  redirect(`/${locale}/line/follow?k=${key.toLowerCase()}&unlinked=1`);
}

'use server';

import { hasLocale } from 'next-intl';
import { redirect } from 'next/navigation';
import { localePath } from '@/i18n/paths';
import { routing } from '@/i18n/routing';
import { getDb, serviceRole } from '@/lib/db';
import { receiptForClientKey } from '@/lib/responses/receipt';
import { isClientKey } from '@/lib/responses/response-identity';

/**
 * The citizen erases their LINE link (a plain form: works without JavaScript, as easy as giving consent was). The
 * receipt this browser holds for the client key proves the response is theirs. Pending notices for it are dropped
 * with the link (line_unlink).
 */
export async function unlinkLineAction(formData: FormData): Promise<void> {
  const requested = formData.get('locale');
  const locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const key = formData.get('k');
  if (!isClientKey(key)) redirect(localePath({ href: '/', locale }));
  const receipt = await receiptForClientKey(key);
  if (receipt) await (await getDb()).rpc('line_unlink', { p_client_key: key.toLowerCase(), p_receipt: receipt }, serviceRole);
  redirect(localePath({ href: `/line/follow?k=${key.toLowerCase()}&unlinked=1`, locale }));
}

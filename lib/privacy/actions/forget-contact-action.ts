'use server';

import { hasLocale } from 'next-intl';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { routing, type Locale } from '@/i18n/routing';
import { getDb, serviceRole } from '@/lib/db';
import { sourceHash } from '@/lib/http/client-address';
import { rateLimit } from '@/lib/http/rate-limit';
import { parseReceiptCode } from '@/lib/reference';
import { receiptForReference } from '@/lib/responses/receipt';

export interface ForgetState {
  message?: string;
}

/**
 * A citizen's request to erase their contact details (PDPA), proved by the receipt their browser holds for the
 * reference (issue 17): a phone number is known to others, and a reference is sequential. Every request counts toward
 * the address's limit, and every request that gets past it has the same answer and the same path (one SQL call),
 * erased or not: the answer tells nobody whether the reference existed, had contact details, or was theirs.
 */
export async function forgetContactAction(_previous: ForgetState, formData: FormData): Promise<ForgetState> {
  const requested = formData.get('locale');
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'track' });
  const limit = await rateLimit(`forget:${sourceHash(await headers())}`, 600, 10);
  if (!limit.allowed) return { message: t('tooMany') };

  const code = parseReceiptCode(String(formData.get('reference') ?? ''));
  const reference = code?.reference ?? '';
  const receipt = (reference && (await receiptForReference(reference))) || '';
  await (await getDb()).rpc('forget_contact', { p_reference: reference, p_receipt: receipt }, serviceRole);
  return { message: t('forgetDone') };
}

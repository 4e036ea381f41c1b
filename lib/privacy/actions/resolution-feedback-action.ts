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

export interface FeedbackState {
  message?: string;
  done?: boolean;
}

/**
 * "Did this solve it?", answered by the citizen who filed the suggestion: the receipt their browser holds for the
 * reference is the proof (issue 17), so a stranger who knows the reference can neither answer nor block the filer's
 * answer. The filer's latest answer counts (they may change it if the problem comes back). Rate-limited.
 */
export async function resolutionFeedbackAction(_previous: FeedbackState, formData: FormData): Promise<FeedbackState> {
  const requested = formData.get('locale');
  const locale: Locale = hasLocale(routing.locales, requested) ? requested : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'public.feedback' });
  const errors = await getTranslations({ locale, namespace: 'errors' });
  const code = parseReceiptCode(String(formData.get('reference') ?? ''));
  const answer = String(formData.get('answer') ?? '');
  if (!code || !['yes', 'no', 'not_sure'].includes(answer)) return { message: errors('invalid_choice') };
  const limit = await rateLimit(`feedback:${sourceHash(await headers())}`, 600, 20);
  if (!limit.allowed) return { message: errors('rate_limited') };
  const receipt = await receiptForReference(code.reference);
  if (!receipt) return { message: t('notRecorded') };
  const result = await (
    await getDb()
  ).rpc('record_resolution_feedback', { p_reference: code.reference, p_receipt: receipt, p_answer: answer }, serviceRole);
  return result.recorded ? { done: true, message: t('thanks') } : { message: t('notRecorded') };
}

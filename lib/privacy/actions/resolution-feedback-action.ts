'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { routing, type Locale } from '@/i18n/routing';
import { getDb, serviceRole } from '@/lib/db';
import { sourceHash } from '@/lib/http/client-address';
import { rateLimit } from '@/lib/http/rate-limit';
import { isReference, normalizeReference } from '@/lib/reference';

export interface FeedbackState {
  message?: string;
  done?: boolean;
}

/** "Did this solve it?" — once per resolved suggestion; a second answer is thanked and ignored. Rate-limited. */
export async function resolutionFeedbackAction(_previous: FeedbackState, formData: FormData): Promise<FeedbackState> {
  const requested = formData.get('locale');
  const locale: Locale = routing.locales.find((l) => l === requested) ?? routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'public.feedback' });
  const errors = await getTranslations({ locale, namespace: 'errors' });
  const reference = String(formData.get('reference') ?? '');
  const answer = String(formData.get('answer') ?? '');
  if (!isReference(reference) || !['yes', 'no', 'not_sure'].includes(answer)) return { message: errors('invalid_choice') };
  const limit = await rateLimit(`feedback:${sourceHash(await headers())}`, 600, 20);
  if (!limit.allowed) return { message: errors('rate_limited') };
  const result = await (await getDb()).rpc(
    'record_resolution_feedback',
    { p_reference: normalizeReference(reference), p_answer: answer },
    serviceRole,
  );
  return { done: true, message: result.recorded ? t('thanks') : t('already') };
}

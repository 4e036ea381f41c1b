'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { routing, type Locale } from '@/i18n/routing';
import { getDb, serviceRole } from '@/lib/db';
import { sourceHash } from '@/lib/http/client-address';
import { rateLimit } from '@/lib/http/rate-limit';
import { isReference, normalizeReference } from '@/lib/reference';

export interface ForgetState {
  ok?: boolean;
  message?: string;
}

/** A citizen's request to erase their contact details, proved by the phone or email they gave. Rate-limited. */
export async function forgetContactAction(_previous: ForgetState, formData: FormData): Promise<ForgetState> {
  const requested = formData.get('locale');
  const locale: Locale = routing.locales.find((l) => l === requested) ?? routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'track' });
  const reference = String(formData.get('reference') ?? '');
  const contact = String(formData.get('contact') ?? '').slice(0, 254);
  if (!isReference(reference) || contact.trim() === '') return { ok: false, message: t('forgetNoMatch') };

  const limit = await rateLimit(`forget:${sourceHash(await headers())}`, 600, 10);
  if (!limit.allowed) return { ok: false, message: t('tooMany') };
  const db = await getDb();
  const result = await db.rpc(
    'forget_contact',
    { p_reference: normalizeReference(reference), p_contact: contact },
    serviceRole,
  );
  return result.forgotten ? { ok: true, message: t('forgotten') } : { ok: false, message: t('forgetNoMatch') };
}

import { getTranslations } from 'next-intl/server';
import type { KioskLabels } from './kiosk-types';
import type { Locale } from '@/i18n/routing';
import { RATINGS } from '@/lib/responses/options';
import { KIOSK_REASONS } from '@/lib/kiosk/sync-schema';

/** Every text the kiosk shows in one language, translated on the server (the tablet loads no message catalogue). */
export async function kioskLabels(locale: Locale): Promise<KioskLabels> {
  const t = await getTranslations({ locale, namespace: 'kiosk' });
  const faces = await getTranslations({ locale, namespace: 'faces' });
  const common = await getTranslations({ locale, namespace: 'common' });
  const keys = [
    'tapPrompt',
    'followUp',
    'skip',
    'thanks',
    'thanksNote',
    'anonymous',
    'pairHeading',
    'pairIntro',
    'codeLabel',
    'pairButton',
    'pairing',
    'wrongPoint',
    'pairOffline',
    'revokedHeading',
    'rePair',
    'offlineReady',
  ] as const;
  // Templates keep their {placeholders}: the tablet fills them in as its counts change.
  const templates = ['offline', 'waiting', 'syncReport', 'paired', 'revokedBody', 'held'] as const;
  return {
    ...(Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<(typeof keys)[number], string>),
    ...(Object.fromEntries(templates.map((k) => [k, t.raw(k) as string])) as Record<(typeof templates)[number], string>),
    faces: Object.fromEntries(RATINGS.map((r) => [String(r), faces(String(r) as '5')])),
    reasons: KIOSK_REASONS.map((value) => ({ value, label: t(`reasons.${value}`) })),
    language: common('language'),
    languageName: common(`languages.${locale}`),
  };
}

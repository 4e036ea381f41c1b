import { NextResponse } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { messageKey } from '@/i18n/message-keys';
import { negotiateLocale } from '@/lib/http/locale';
import { rateLimit } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/read-json';
import { hashDeviceToken } from '@/lib/kiosk/device-code';
import { syncKiosk } from '@/lib/kiosk/sync-kiosk';

/**
 * POST /api/kiosk/sync: a kiosk tablet sends its queued presses. Body: { token, sentAt, presses: [{ clientKey, rating,
 * reason?, pressedAt, locale? }] } (lib/kiosk/sync-schema.ts), with the device token it was given when it paired
 * (/api/kiosk/pair; a device code is refused here); an empty batch checks the token.
 * 200 { device, results: [{ clientKey, status: stored | duplicate | refused, … }] }: the tablet forgets every press
 * answered stored, duplicate or refused, and keeps the rest. 403 { error: kiosk_unknown | kiosk_revoked, message } for a
 * token that is not (or no longer) paired: nothing was stored. 4xx/503 otherwise, with a message in the reader's language.
 */

const MAX_BODY_BYTES = 64 * 1024;

export async function POST(request: Request) {
  const body = await readJson(request, MAX_BODY_BYTES);
  const value = body.ok ? (body.value as { locale?: unknown; token?: unknown } | null) : null;
  const t = await getTranslations({ locale: negotiateLocale(request, value?.locale), namespace: 'kiosk.errors' });
  const say = (code: string) => t(messageKey('kiosk.errors', code, 'generic'));
  if (!body.ok) return NextResponse.json({ error: body.code, message: say(body.code) }, { status: body.status });

  // A tablet syncs every few seconds at most; anything far beyond that is not a tablet.
  const bucket = typeof value?.token === 'string' ? hashDeviceToken(value.token).slice(0, 24) : 'none';
  const limit = await rateLimit(`kiosk:sync:${bucket}`, 60, 120).catch(() => ({ allowed: true, retryAfter: 0 }));
  if (!limit.allowed) {
    return NextResponse.json(
      { error: 'rate_limited', message: say('rate_limited') },
      { status: 429, headers: { 'retry-after': String(limit.retryAfter) } },
    );
  }

  const outcome = await syncKiosk(body.value);
  if (outcome.ok) return NextResponse.json({ device: outcome.device, results: outcome.results });
  return NextResponse.json(
    { error: outcome.code, message: say(outcome.code) },
    { status: outcome.status, headers: outcome.status === 503 ? { 'retry-after': '5' } : undefined },
  );
}

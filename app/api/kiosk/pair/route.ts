import { NextResponse } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { messageKey } from '@/i18n/message-keys';
import { sourceHash } from '@/lib/http/client-address';
import { negotiateLocale } from '@/lib/http/locale';
import { rateLimit } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/read-json';
import { pairKiosk } from '@/lib/kiosk/pair-kiosk';

/**
 * POST /api/kiosk/pair: a kiosk tablet exchanges the device code typed on it for a device token of its own. Body:
 * { code, servicePoint, locale? } (lib/kiosk/sync-schema.ts). 200 { device, token }: the tablet keeps the token and
 * syncs with it (/api/kiosk/sync). 403 { error: kiosk_unknown | kiosk_revoked | kiosk_code_used | kiosk_code_expired |
 * kiosk_wrong_point, message }: nothing changed, and the message, in the tablet's language, says what to do. The answer
 * carries a secret, so nothing keeps it (no-store).
 */

const MAX_BODY_BYTES = 4 * 1024;
const noStore = { 'cache-control': 'no-store' };

export async function POST(request: Request) {
  const body = await readJson(request, MAX_BODY_BYTES);
  const value = body.ok ? (body.value as { locale?: unknown } | null) : null;
  const t = await getTranslations({ locale: negotiateLocale(request, value?.locale), namespace: 'kiosk.errors' });
  const say = (code: string) => t(messageKey('kiosk.errors', code, 'generic'));
  if (!body.ok) return NextResponse.json({ error: body.code, message: say(body.code) }, { status: body.status, headers: noStore });

  // Staff type a code a few times at most; a code has 100 random bits, so this only keeps a flood off the database.
  const limit = await rateLimit(`kiosk:pair:${sourceHash(request.headers).slice(0, 24)}`, 600, 60).catch(() => ({
    allowed: true,
    retryAfter: 0,
  }));
  if (!limit.allowed) {
    return NextResponse.json(
      { error: 'rate_limited', message: say('rate_limited') },
      { status: 429, headers: { 'retry-after': String(limit.retryAfter), ...noStore } },
    );
  }

  const outcome = await pairKiosk(body.value);
  if (outcome.ok) return NextResponse.json({ device: outcome.device, token: outcome.token }, { headers: noStore });
  return NextResponse.json(
    { error: outcome.code, message: say(outcome.code) },
    { status: outcome.status, headers: outcome.status === 503 ? { 'retry-after': '5', ...noStore } : noStore },
  );
}

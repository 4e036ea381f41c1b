import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDb, isDbUnavailable, serviceRole } from '@/lib/db';
import { env } from '@/lib/env';
import { sourceHash } from '@/lib/http/client-address';
import { errorTranslator } from '@/lib/http/error-messages';
import { negotiateLocale } from '@/lib/http/locale';
import { rateLimit } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/read-json';
import { verifiedLineUser } from '@/lib/line/id-token';
import { lineConfigFrom } from '@/lib/line/line-config';
import { log } from '@/lib/log';
import { receiptForClientKey } from '@/lib/responses/receipt';

/**
 * POST /api/line/link {clientKey, idToken, consent: true, locale}: the follow page (LIFF) links the citizen's LINE
 * account to their suggestion. The receipt this browser holds for the client key (lib/responses/receipt.ts) proves the
 * response is theirs, since the key alone is in URLs others may see; LINE proves who they are (the ID token, verified
 * with LINE). 404 when LIFF is not configured or the browser holds no receipt for the key, 400 invalid, 401 a token
 * LINE refuses, 429 too many tries.
 */

const body = z.object({
  clientKey: z.uuid(),
  idToken: z.string().min(1).max(4096), // LINE decides whether it is a token (verifiedLineUser)
  consent: z.literal(true),
  locale: z.enum(['th', 'en', 'my']).default('th'),
});

export async function POST(request: Request) {
  const locale = negotiateLocale(request);
  const say = await errorTranslator(locale);
  const config = lineConfigFrom(env());
  if (!config?.liffId) return NextResponse.json({ error: 'not_found', message: say('generic') }, { status: 404 });
  const read = await readJson(request, 8_192);
  if (!read.ok) return NextResponse.json({ error: read.code, message: say(read.code) }, { status: read.status });
  const parsed = body.safeParse(read.value);
  if (!parsed.success) {
    const consent = parsed.error.issues.some((i) => i.path[0] === 'consent');
    return NextResponse.json(
      { error: consent ? 'consent_required' : 'invalid_value', message: say(consent ? 'consent_required' : 'invalid_value') },
      { status: 400 },
    );
  }
  try {
    const verdict = await rateLimit(`line:link:${sourceHash(request.headers)}`, 600, 20);
    if (!verdict.allowed) {
      return NextResponse.json(
        { error: 'rate_limited', message: say('rate_limited') },
        { status: 429, headers: { 'retry-after': String(verdict.retryAfter) } },
      );
    }
    const userId = await verifiedLineUser(parsed.data.idToken, config);
    if (!userId) return NextResponse.json({ error: 'line_login_refused', message: say('generic') }, { status: 401 });
    const receipt = await receiptForClientKey(parsed.data.clientKey);
    if (!receipt) return NextResponse.json({ error: 'not_found', message: say('reference_not_found') }, { status: 404 });
    const db = await getDb();
    const result = await db.rpc(
      'line_link',
      { p_client_key: parsed.data.clientKey, p_receipt: receipt, p_line_user_id: userId, p_locale: parsed.data.locale },
      serviceRole,
    );
    if (!result.linked) return NextResponse.json({ error: 'not_found', message: say('reference_not_found') }, { status: 404 });
    return NextResponse.json({ linked: true });
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'LINE link failed');
    return NextResponse.json(
      { error: 'unavailable', message: say(isDbUnavailable(error) ? 'unavailable' : 'generic') },
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }
}

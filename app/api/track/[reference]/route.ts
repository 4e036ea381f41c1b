import { NextResponse } from 'next/server';
import { errorTranslator } from '@/lib/http/error-messages';
import { sourceHash } from '@/lib/http/client-address';
import { negotiateLocale } from '@/lib/http/locale';
import { isDbUnavailable } from '@/lib/db';
import { trackReference } from '@/lib/track';

/**
 * GET /api/track/{reference}: the public status of a reference as JSON (for integrations and the offline survey).
 * 200 with the status, 404 unknown, 429 with Retry-After when an address has guessed too often, 503 when the
 * database is briefly away. Never any personal data.
 */
export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const locale = negotiateLocale(request, new URL(request.url).searchParams.get('locale'));
  const say = await errorTranslator(locale);
  const { reference } = await params;
  try {
    const outcome = await trackReference(reference.slice(0, 40), locale, sourceHash(request.headers));
    if (outcome.kind === 'found') return NextResponse.json(outcome.tracked, { headers: { 'cache-control': 'no-store' } });
    if (outcome.kind === 'rate_limited') {
      return NextResponse.json(
        { error: 'rate_limited', message: say('rate_limited') },
        { status: 429, headers: { 'retry-after': String(outcome.retryAfter) } },
      );
    }
    return NextResponse.json({ error: 'not_found', message: say('reference_not_found') }, { status: 404 });
  } catch (error) {
    return NextResponse.json(
      { error: 'unavailable', message: say(isDbUnavailable(error) ? 'unavailable' : 'generic') },
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }
}

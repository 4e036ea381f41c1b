import { NextResponse } from 'next/server';
import { errorTranslator } from '@/lib/http/error-messages';
import { sourceHash } from '@/lib/http/client-address';
import { negotiateLocale } from '@/lib/http/locale';
import { isDbUnavailable } from '@/lib/db';
import { trackReference } from '@/lib/track';

/**
 * GET /api/track/{receipt code}: the public status of a reference as JSON (for integrations and the offline survey).
 * The path is the whole code on the receipt, reference and check code (KP-2570-000123-MKHT), typed any way.
 * 200 with the status, 404 unknown or a wrong check code (one answer for both), 400 when the check code is missing,
 * 429 with Retry-After when an address has looked up too often (hits count as well as misses), 503 when the database
 * is briefly away. Never any personal data.
 */
export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const locale = negotiateLocale(request, new URL(request.url).searchParams.get('locale'));
  const say = await errorTranslator(locale);
  const { reference } = await params;
  try {
    const outcome = await trackReference(decoded(reference).slice(0, 60), locale, sourceHash(request.headers));
    if (outcome.kind === 'found') return NextResponse.json(outcome.tracked, { headers: { 'cache-control': 'no-store' } });
    if (outcome.kind === 'rate_limited') {
      return NextResponse.json(
        { error: 'rate_limited', message: say('rate_limited') },
        { status: 429, headers: { 'retry-after': String(outcome.retryAfter) } },
      );
    }
    if (outcome.kind === 'needs_check_code') {
      return NextResponse.json({ error: 'check_code_required', message: say('check_code_required') }, { status: 400 });
    }
    return NextResponse.json({ error: 'not_found', message: say('reference_not_found') }, { status: 404 });
  } catch (error) {
    return NextResponse.json(
      { error: 'unavailable', message: say(isDbUnavailable(error) ? 'unavailable' : 'generic') },
      { status: 503, headers: { 'retry-after': '5' } },
    );
  }
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // a malformed %-escape is just an unknown reference
  }
}

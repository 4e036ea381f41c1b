import { NextResponse } from 'next/server';
import { alertConfigFrom } from '@/lib/alerts/alert-config';
import { env } from '@/lib/env';
import { lineConfigFrom } from '@/lib/line/line-config';
import { messagingClient } from '@/lib/line/messaging';
import { handleEvents, signatureIsValid } from '@/lib/line/webhook';

/**
 * POST /api/line/webhook: the LINE Official Account's webhook (paste its URL into the LINE Developers console).
 * 404 when LINE is not configured; 401 and nothing done without a valid X-Line-Signature over the raw body; 413 for
 * a body larger than LINE ever sends; 400 for a signed body that is not JSON; otherwise 200 (LINE redelivers on
 * anything else, and one bad event must not make it resend the good ones).
 */

const MAX_BODY = 1_000_000;

export async function POST(request: Request) {
  const config = lineConfigFrom(env());
  if (!config) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY) return NextResponse.json({ error: 'too_large' }, { status: 413 });
  let raw: Buffer;
  try {
    raw = Buffer.from(await request.arrayBuffer());
  } catch {
    return NextResponse.json({ error: 'bad_request' }, { status: 400 });
  }
  if (raw.length > MAX_BODY) return NextResponse.json({ error: 'too_large' }, { status: 413 });
  if (!signatureIsValid(raw, request.headers.get('x-line-signature'), config.channelSecret)) {
    return NextResponse.json({ error: 'invalid_signature' }, { status: 401 });
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return NextResponse.json({ error: 'bad_request' }, { status: 400 });
  }
  await handleEvents(body, config, messagingClient(config), alertConfigFrom(env()).baseUrl);
  return NextResponse.json({});
}

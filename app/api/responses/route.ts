import { NextResponse } from 'next/server';
import { errorTranslator } from '@/lib/http/error-messages';
import { negotiateLocale } from '@/lib/http/locale';
import { readJson } from '@/lib/http/read-json';
import { channelOf } from '@/lib/responses/response-identity';
import { submitAsCitizen } from '@/lib/responses/submit-as-citizen';

/**
 * POST /api/responses: the JSON door to the same submission path as the forms (used by the survey with JavaScript,
 * its offline queue, and integrations). Body: the submission (see lib/responses/submission-schema.ts),
 * plus an optional "channel": "web" for a survey opened from the municipality's website (anything else counts as QR),
 * and an optional "receipt", the secret the survey page carried (else the browser's receipt cookie is used).
 * 201 created, 200 added to the response with the same clientKey and receipt. A clientKey the receipt does not open
 * is not touched: the answers become a new response, under the clientKey the answer names (issue 17). Success answers
 * { reference, checkCode, receiptCode, clientKey, created, hasSuggestion }; 4xx with { error, message, fieldErrors } in the
 * reader's language; 429 with Retry-After at flood rates from one address; 503 when the database is briefly away.
 * Nothing is stored from a refused body.
 */

const MAX_BODY_BYTES = 32 * 1024;

export async function POST(request: Request) {
  const body = await readJson(request, MAX_BODY_BYTES);
  // The messages are loaded only for an answer that needs them (a refusal), not for every stored submission.
  const translator = () =>
    errorTranslator(negotiateLocale(request, body.ok ? (body.value as { locale?: unknown } | null)?.locale : undefined));
  if (!body.ok) {
    const say = await translator();
    return NextResponse.json({ error: body.code, message: say(body.code), fieldErrors: {} }, { status: body.status });
  }

  // The channel is not part of the answers (the schema is strict): a link on the website says so beside them.
  const isObject = body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value);
  const { channel, receipt, ...submission } = isObject ? (body.value as Record<string, unknown>) : {};
  const outcome = await submitAsCitizen(isObject ? submission : body.value, channelOf(channel), receipt);
  if (outcome.ok) {
    const { reference, checkCode, receiptCode, clientKey, created, hasSuggestion } = outcome;
    return NextResponse.json({ reference, checkCode, receiptCode, clientKey, created, hasSuggestion }, { status: outcome.status });
  }
  const say = await translator();
  const fieldErrors = Object.fromEntries(Object.entries(outcome.fieldErrors).map(([path, code]) => [path, say(code)]));
  return NextResponse.json(
    { error: outcome.code, message: say(outcome.code), fieldErrors },
    {
      status: outcome.status,
      headers:
        outcome.status === 503 ? { 'retry-after': '5' } : outcome.retryAfter ? { 'retry-after': String(outcome.retryAfter) } : undefined,
    },
  );
}

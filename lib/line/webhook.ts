import { validateSignature, type messagingApi } from '@line/bot-sdk';
import { getDb, serviceRole } from '@/lib/db';
import { hashSourceKey } from '@/lib/http/client-address';
import { rateLimit } from '@/lib/http/rate-limit';
import { formatDate } from '@/lib/format/thai-format';
import { log } from '@/lib/log';
import { secrets } from '@/lib/secrets';
import { trackReference } from '@/lib/track';
import { fill, langOfLine, statusLabel, trackUrl, type LineLang } from './compose-line';
import type { LineConfig } from './line-config';
import th from '@/messages/th.json';
import en from '@/messages/en.json';
import my from '@/messages/my.json';

/**
 * The Official Account's webhook (app/api/line/webhook/route.ts): LINE posts events signed with the channel secret.
 * A text message is looked up as a reference, through the one lookup of lib/track.ts (with its guessing limit),
 * and answered with the status in the citizen's language; an unfollow erases that user's links.
 */

const CATALOGUES = { th: th.line, en: en.line, my: my.line };

/** A reference with its check code is well under this; longer text is not looked up at all. */
const MAX_CANDIDATE = 60;
/** Messages one LINE user may send per window before the bot stops answering them for a while. */
const MESSAGES_WINDOW_SECONDS = 10 * 60;
const MESSAGES_ALLOWED = 30;

export function signatureIsValid(raw: Buffer, signature: string | null, secret: string): boolean {
  if (!signature || signature.length > 200) return false;
  try {
    return validateSignature(raw, secret, signature);
  } catch {
    return false;
  }
}

interface TextEvent {
  type: 'message';
  replyToken: string;
  source: { userId?: string };
  message: { type: 'text'; text: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function textEvent(event: unknown): TextEvent | null {
  if (!isObject(event) || event.type !== 'message' || typeof event.replyToken !== 'string') return null;
  if (!isObject(event.message) || event.message.type !== 'text' || typeof event.message.text !== 'string') return null;
  if (!isObject(event.source)) return null;
  return event as unknown as TextEvent;
}

function unfollowUser(event: unknown): string | null {
  if (!isObject(event) || event.type !== 'unfollow' || !isObject(event.source)) return null;
  return typeof event.source.userId === 'string' ? event.source.userId : null;
}

/** The citizen's language: LINE gives it in the user's profile (a friend of the account); Thai otherwise. */
async function languageOf(client: messagingApi.MessagingApiClient, userId: string | undefined): Promise<LineLang> {
  if (!userId || !/^U[0-9a-f]{32}$/.test(userId)) return 'th';
  try {
    return langOfLine((await client.getProfile(userId)).language);
  } catch {
    return 'th';
  }
}

/** The answer to one text: the status of the reference it holds, "not found", or how to ask. */
export async function answerText(text: string, userKey: string, lang: LineLang, baseUrl: string): Promise<string> {
  const m = CATALOGUES[lang];
  const candidate = text.trim();
  if (candidate === '' || candidate.length > MAX_CANDIDATE) return m.askReference;
  const outcome = await trackReference(candidate, lang, userKey);
  if (outcome.kind === 'rate_limited') return m.tooMany;
  if (outcome.kind === 'not_found') return m.notFound;
  // A bare reference is sequential, so it opens nothing (issue 17): the citizen is asked for the whole receipt code.
  if (outcome.kind === 'needs_check_code') return m.askReference;
  const t = outcome.tracked;
  if (!t.suggestion) return fill(m.foundNoSuggestion, { reference: outcome.receiptCode, point: t.servicePoint });
  return fill(m.found, {
    reference: outcome.receiptCode,
    point: t.servicePoint,
    status: statusLabel(lang, t.suggestion.status),
    date: formatDate(t.suggestion.updatedAt, lang),
    url: trackUrl(baseUrl, lang, outcome.receiptCode),
  });
}

/** Handle a verified body's events; one failing event never stops the others (each is logged). */
export async function handleEvents(
  body: unknown,
  config: LineConfig,
  client: messagingApi.MessagingApiClient,
  baseUrl: string,
): Promise<void> {
  const events = isObject(body) && Array.isArray(body.events) ? body.events.slice(0, 100) : [];
  for (const event of events) {
    try {
      const gone = unfollowUser(event);
      if (gone) {
        await (await getDb()).rpc('line_forget_user', { p_line_user_id: gone }, serviceRole);
        continue;
      }
      const message = textEvent(event);
      if (!message) continue;
      const userId = typeof message.source.userId === 'string' ? message.source.userId.slice(0, 64) : '';
      // Keyed on the LINE user (hashed with the server's secret, never stored as is): every message reaches us from
      // LINE's own servers, so the address says nothing about who asks.
      const userKey = `line:${hashSourceKey(`line|${userId || message.replyToken}`, secrets().sourceHash)}`;
      const verdict = await rateLimit(`line:msg:${userKey}`, MESSAGES_WINDOW_SECONDS, MESSAGES_ALLOWED);
      if (!verdict.allowed) continue; // silence: answering a flood would only feed it
      const lang = await languageOf(client, userId);
      const text = await answerText(message.message.text, userKey, lang, baseUrl);
      await client.replyMessage({ replyToken: message.replyToken, messages: [{ type: 'text', text }] });
    } catch (error) {
      log.warn({ err: (error as Error).message, channel: config.channelId }, 'LINE event not answered');
    }
  }
}

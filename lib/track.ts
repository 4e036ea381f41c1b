import type { SuggestionStatus } from '@/lib/feedback/inbox-filter';
import { getDb, serviceRole } from '@/lib/db';
import { rateLimit } from '@/lib/http/rate-limit';
import { formatReceiptCode, parseReceiptCode } from '@/lib/reference';
import type { SuggestionCategory } from '@/lib/responses/options';

/** What track_response tells whoever holds a receipt code: dates, place, status and public replies; no personal data. */
export interface TrackedResponse {
  reference: string;
  submittedAt: string;
  servicePoint: string;
  suggestion: {
    status: SuggestionStatus;
    category: SuggestionCategory;
    updatedAt: string;
    replies: { body: string; at: string }[];
  } | null;
}

export type TrackOutcome =
  | { kind: 'found'; tracked: TrackedResponse; receiptCode: string; checkCode: string }
  /** A reference without its check code: nothing is looked up, and the citizen is asked for the whole receipt code. */
  | { kind: 'needs_check_code'; reference: string }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; retryAfter: number };

/**
 * The one lookup behind every tracking channel (the status page, /api/track, the LINE bot): give it the text the
 * citizen typed or read aloud, "KP-2570-000123-MKHT" in any case, with Thai digits, spaces or dashes.
 *
 * References are sequential, so a status page needs the check code printed beside the reference, and guessing must
 * be slow (issue 17): every lookup from an address counts, found or not (LOOKUPS_ALLOWED per window), so hits cannot
 * be farmed between misses. 160,000 codes per reference at 20 lookups per 10 minutes is about 55 days of guessing
 * per reference from one address (a /64 for IPv6). A citizen checking their status now and then never meets it.
 */
const WINDOW_SECONDS = 10 * 60;
const LOOKUPS_ALLOWED = 20;

export async function trackReference(input: string, locale: string, sourceHash: string): Promise<TrackOutcome> {
  const code = parseReceiptCode(input);
  if (!code) return { kind: 'not_found' };
  if (!code.checkCode) return { kind: 'needs_check_code', reference: code.reference };
  const limit = await rateLimit(`track:${sourceHash}`, WINDOW_SECONDS, LOOKUPS_ALLOWED);
  if (!limit.allowed) return { kind: 'rate_limited', retryAfter: limit.retryAfter };
  const tracked = await (
    await getDb()
  ).rpc('track_response', { p_reference: code.reference, p_check: code.checkCode, p_locale: locale }, serviceRole);
  if (!tracked) return { kind: 'not_found' };
  return { kind: 'found', tracked, checkCode: code.checkCode, receiptCode: formatReceiptCode(tracked.reference, code.checkCode) };
}

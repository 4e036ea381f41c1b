import { anon, getDb } from '@/lib/db';
import { rateLimit } from '@/lib/http/rate-limit';
import { isReference, normalizeReference } from '@/lib/reference';

/** What track_response tells anyone holding a reference: dates, place, status and public replies; no personal data. */
export interface TrackedResponse {
  reference: string;
  submittedAt: string;
  servicePoint: string;
  suggestion: {
    status: string;
    category: string;
    updatedAt: string;
    replies: { body: string; at: string }[];
  } | null;
}

export type TrackOutcome =
  | { kind: 'found'; tracked: TrackedResponse }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; retryAfter: number };

/**
 * References are sequential, so guessing them must be slow: each address may miss MISSES_ALLOWED times per window;
 * after that no lookup is made until the window ends. Citizens who mistype a few times are not affected.
 */
const WINDOW_SECONDS = 10 * 60;
const MISSES_ALLOWED = 10;

export async function trackReference(input: string, locale: string, sourceHash: string): Promise<TrackOutcome> {
  const bucket = `track:miss:${sourceHash}`;
  const misses = await rateLimit(bucket, WINDOW_SECONDS, MISSES_ALLOWED, 0);
  if (misses.hits >= MISSES_ALLOWED) return { kind: 'rate_limited', retryAfter: misses.retryAfter };
  const tracked = isReference(input)
    ? await (await getDb()).rpc(
        'track_response',
        { p_reference: normalizeReference(input), p_locale: locale },
        anon,
      )
    : null;
  if (tracked) return { kind: 'found', tracked };
  await rateLimit(bucket, WINDOW_SECONDS, MISSES_ALLOWED);
  return { kind: 'not_found' };
}

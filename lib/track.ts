import { cache } from 'react';
import { anon, getDb } from '@/lib/db';
import { isReference, normalizeReference } from '@/lib/reference';

/** What track_response tells anyone holding a reference: dates, place and status; no personal data, no free text. */
export interface TrackedResponse {
  reference: string;
  submittedAt: string;
  servicePoint: string;
  suggestion: { status: string; category: string; updatedAt: string } | null;
}

export const trackReference = cache(async (input: string, locale: string): Promise<TrackedResponse | null> => {
  if (!isReference(input)) return null;
  const db = await getDb();
  return db.rpc<TrackedResponse | null>('track_response', { p_reference: normalizeReference(input), p_locale: locale }, anon);
});

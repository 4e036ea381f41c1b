import { cache } from 'react';
import { anon, getDb } from '@/lib/db';

/** What public_service_points returns: the home page's list of places a citizen can rate, in the reader's language. */
export interface PublicServicePoints {
  organisation: string;
  servicePoints: { slug: string; name: string; division: string }[];
}

export const loadPublicServicePoints = cache(async (locale: string): Promise<PublicServicePoints> =>
  (await getDb()).rpc('public_service_points', { p_locale: locale }, anon),
);

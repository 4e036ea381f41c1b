import { createHmac, randomUUID } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { sourceHash } from '@/lib/http/client-address';
import { secrets } from '@/lib/secrets';
import type { SubmissionContext } from './submit-response';

/**
 * Facts about the request that only the server knows, for submit_response: a keyed hash of the client's address and
 * of a device cookie, both used only to find ballot stuffing. The address itself and the raw cookie value are never
 * stored. The cookie is functional (a random id, no profile, first-party) and lasts a year.
 */

export const DEVICE_COOKIE = 'siang_device';

export async function requestContext(channel: SubmissionContext['channel']): Promise<SubmissionContext> {
  const jar = await cookies();
  let device = jar.get(DEVICE_COOKIE)?.value;
  if (!device || !/^[0-9a-f-]{36}$/.test(device)) {
    device = randomUUID();
    try {
      jar.set(DEVICE_COOKIE, device, {
        httpOnly: true,
        sameSite: 'lax',
        secure: process.env.NODE_ENV === 'production',
        path: '/',
        maxAge: 365 * 24 * 3600,
      });
    } catch {
      // read-only cookies (a server component): the next action or API call sets it
    }
  }
  return {
    channel,
    sourceHash: sourceHash(await headers()),
    deviceKey: createHmac('sha256', secrets().sourceHash).update(`device|${device}`).digest('base64url').slice(0, 32),
  };
}

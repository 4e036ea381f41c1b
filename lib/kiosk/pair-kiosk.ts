import { getDb, isDbUnavailable, isInvalidCredential, serviceRole, type Db } from '@/lib/db';
import { log } from '@/lib/log';
import { generateDeviceToken, hashDeviceCode, hashDeviceToken, isDeviceCode } from './device-code';
import { kioskPairSchema, type KioskDevice } from './sync-schema';

/**
 * Pair a tablet: the code typed on the kiosk of a service point is exchanged, once, for a device token of the tablet's
 * own. kiosk_pair (service role, after hashing both) refuses a code that is unknown, revoked, used, expired or of
 * another service point, and changes nothing then. The token is returned to the tablet only, never stored or logged
 * (only its hash is). Never throws: every outcome is a status and a code for messages/ (kiosk.errors.<code>).
 */

export type KioskPairOutcome =
  { ok: true; status: 200; device: KioskDevice; token: string } | { ok: false; status: 400 | 403 | 503; code: string };

export async function pairKiosk(input: unknown, db?: Db): Promise<KioskPairOutcome> {
  const parsed = kioskPairSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, code: 'invalid_batch' };
  const { code, servicePoint } = parsed.data;
  if (!isDeviceCode(code)) return { ok: false, status: 403, code: 'kiosk_unknown' };
  const token = generateDeviceToken();
  try {
    const device = await (db ?? (await getDb())).rpc(
      'kiosk_pair',
      { p_code_hash: hashDeviceCode(code), p_token_hash: hashDeviceToken(token), p_service_point: servicePoint },
      serviceRole,
    );
    return { ok: true, status: 200, device, token };
  } catch (error) {
    if (isInvalidCredential(error)) return { ok: false, status: 403, code: error.message };
    if (isDbUnavailable(error)) return { ok: false, status: 503, code: 'unavailable' };
    log.error({ err: (error as Error).message }, 'kiosk pairing failed');
    return { ok: false, status: 503, code: 'generic' };
  }
}

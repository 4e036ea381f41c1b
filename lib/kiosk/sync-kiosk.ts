import { getDb, isDbUnavailable, isInvalidCredential, isRefusal, serviceRole, type Db } from '@/lib/db';
import { log } from '@/lib/log';
import { hashDeviceToken, isDeviceToken } from './device-code';
import { serverPressTime } from './press-time';
import { kioskPressSchema, kioskSyncSchema, type KioskDevice, type KioskPressResult } from './sync-schema';

/**
 * One batch from a kiosk tablet: check the body, turn each press time into server time, and hand the batch to
 * kiosk_sync (as the service role, after hashing the device token), which stores each press exactly once by its
 * client key.
 * Never throws: every outcome is a status and a code for messages/ (errors.<code>).
 */

export type KioskSyncOutcome =
  { ok: true; status: 200; device: KioskDevice; results: KioskPressResult[] } | { ok: false; status: 400 | 403 | 503; code: string };

export async function syncKiosk(input: unknown, db?: Db, now: Date = new Date()): Promise<KioskSyncOutcome> {
  const parsed = kioskSyncSchema.safeParse(input);
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message === 'kiosk_unknown' ? 'kiosk_unknown' : 'invalid_batch';
    return { ok: false, status: code === 'kiosk_unknown' ? 403 : 400, code };
  }
  const { token, sentAt, presses } = parsed.data;
  if (!isDeviceToken(token)) return { ok: false, status: 403, code: 'kiosk_unknown' };

  // Presses that fail here are answered at once; the rest go to the database with their server time.
  const early: KioskPressResult[] = [];
  const toStore: Record<string, unknown>[] = [];
  for (const raw of presses) {
    const press = kioskPressSchema.safeParse(raw);
    // Only a string is echoed back: String() of some JSON ({"toString":1}, arrays nested thousands deep) throws.
    const sentKey = (raw as { clientKey?: unknown } | null)?.clientKey;
    const clientKey = typeof sentKey === 'string' ? sentKey.slice(0, 36) : '';
    if (!press.success) {
      early.push({ clientKey, status: 'refused', error: press.error.issues[0]?.message ?? 'invalid_value' });
      continue;
    }
    const time = serverPressTime(press.data.pressedAt, sentAt, now);
    // A press older than a week goes on with its time: kiosk_sync answers 'duplicate' if it was stored before (its
    // answer was lost and the batch comes again) and refuses it as press_too_old otherwise.
    if (!time.ok && time.code === 'invalid_press_time') {
      early.push({ clientKey, status: 'refused', error: time.code });
      continue;
    }
    toStore.push({ ...press.data, pressedAt: time.at.toISOString() });
  }

  try {
    const database = db ?? (await getDb());
    const answer = await database.rpc('kiosk_sync', { p_token_hash: hashDeviceToken(token), p_presses: toStore }, serviceRole);
    return { ok: true, status: 200, device: answer.device, results: [...early, ...answer.results] };
  } catch (error) {
    if (isInvalidCredential(error)) return { ok: false, status: 403, code: error.message };
    if (isRefusal(error)) return { ok: false, status: 400, code: 'invalid_batch' };
    if (isDbUnavailable(error)) return { ok: false, status: 503, code: 'unavailable' };
    log.error({ err: (error as Error).message }, 'kiosk sync failed');
    return { ok: false, status: 503, code: 'generic' };
  }
}

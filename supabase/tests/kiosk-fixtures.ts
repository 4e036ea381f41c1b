import { randomUUID } from 'node:crypto';
import { deviceCodeHint, generateDeviceCode, hashDeviceCode } from '../../lib/kiosk/device-code';
import type { Caller, SqlDb } from '../../lib/db/types';

/** Pair a tablet as a staff member, as the admin page does; returns its code (shown once) and id. */
export async function issueKiosk(db: SqlDb, caller: Caller, point = 'civil-registration', label = 'แท็บเล็ตหน้าเคาน์เตอร์') {
  const code = generateDeviceCode();
  const { id } = await db.rpc(
    'kiosk_issue',
    { p_service_point: point, p_label: label, p_code_hash: hashDeviceCode(code), p_code_hint: deviceCodeHint(code) },
    caller,
  );
  return { code, id };
}

/** A press as the tablet queues it, pressed `secondsAgo` before the batch is sent. */
export function press(rating: number, secondsAgo: number, sentAt: Date, extra: Record<string, unknown> = {}) {
  return { clientKey: randomUUID(), rating, pressedAt: new Date(sentAt.getTime() - secondsAgo * 1000).toISOString(), ...extra };
}

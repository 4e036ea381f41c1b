import { randomUUID } from 'node:crypto';
import { deviceCodeHint, generateDeviceCode, hashDeviceCode } from '../../lib/kiosk/device-code';
import { pairKiosk } from '../../lib/kiosk/pair-kiosk';
import type { Caller, SqlDb } from '../../lib/db/types';

/** Issue a device code as a staff member, as the admin page does; returns the code (shown once) and the device's id. */
export async function issueCode(db: SqlDb, caller: Caller, point = 'civil-registration', label = 'แท็บเล็ตหน้าเคาน์เตอร์') {
  const code = generateDeviceCode();
  const { id, expiresAt } = await db.rpc(
    'kiosk_issue',
    { p_service_point: point, p_label: label, p_code_hash: hashDeviceCode(code), p_code_hint: deviceCodeHint(code) },
    caller,
  );
  return { code, id, expiresAt };
}

/** Issue a code and pair a tablet with it, as the admin page and then the tablet do; returns the tablet's token too. */
export async function issueKiosk(db: SqlDb, caller: Caller, point = 'civil-registration', label = 'แท็บเล็ตหน้าเคาน์เตอร์') {
  const issued = await issueCode(db, caller, point, label);
  const paired = await pairKiosk({ code: issued.code, servicePoint: point }, db);
  if (!paired.ok) throw new Error(`pairing refused: ${paired.code}`);
  return { ...issued, token: paired.token };
}

/** A press as the tablet queues it, pressed `secondsAgo` before the batch is sent. */
export function press(rating: number, secondsAgo: number, sentAt: Date, extra: Record<string, unknown> = {}) {
  return { clientKey: randomUUID(), rating, pressedAt: new Date(sentAt.getTime() - secondsAgo * 1000).toISOString(), ...extra };
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: X-Siang-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, keyed with
 * ALERT_WEBHOOK_SECRET. The timestamp is inside the signed text, so a receiver that refuses signatures older than a
 * few minutes cannot be fed a recorded request again (replay); X-Siang-Delivery lets it drop a retried delivery.
 */

export const SIGNATURE_HEADER = 'x-siang-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signWebhook(body: string, secret: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** For receivers (and the tests): true when the header signs this exact body, recently, with this secret. */
export function verifyWebhook(
  header: string | null | undefined,
  body: string,
  secret: string,
  now: Date = new Date(),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'));
}

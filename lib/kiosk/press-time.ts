/**
 * A press's time on the server's clock. The tablet sends when each press happened and when it sent the batch, both on
 * its own clock; the difference (how long the press waited on the tablet) does not depend on whether that clock is
 * right, so the press happened at (server's now − waited). Honest times only:
 *   * not in the future: a press "sent before it happened" by more than CLOCK_SLACK is refused (a tablet's clock can
 *     step while it is offline, so a little slack is allowed and clamped to now);
 *   * not older than MAX_PRESS_AGE (7 days): a tablet offline over a long holiday (Songkran and a weekend) still
 *     delivers, but a stale queue cannot reach into periods that were already reported on.
 */

export const MAX_PRESS_AGE_MS = 7 * 24 * 3600 * 1000;
export const CLOCK_SLACK_MS = 2 * 60 * 1000;

/** A press too old to store still has its time: a press stored before may come again (then it is a duplicate). */
export type PressTime = { ok: true; at: Date } | { ok: false; code: 'invalid_press_time' } | { ok: false; code: 'press_too_old'; at: Date };

export function serverPressTime(pressedAt: string, sentAt: string, now: Date = new Date()): PressTime {
  const pressed = Date.parse(pressedAt);
  const sent = Date.parse(sentAt);
  if (!Number.isFinite(pressed) || !Number.isFinite(sent)) return { ok: false, code: 'invalid_press_time' };
  const waited = sent - pressed;
  if (waited < -CLOCK_SLACK_MS) return { ok: false, code: 'invalid_press_time' };
  const at = new Date(now.getTime() - Math.max(waited, 0));
  if (waited > MAX_PRESS_AGE_MS) return { ok: false, code: 'press_too_old', at };
  return { ok: true, at };
}

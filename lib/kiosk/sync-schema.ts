import { z } from 'zod';

/**
 * The body a kiosk tablet posts to /api/kiosk/sync: its device token, its own clock at sending, and up to 200 presses.
 * Times are the tablet's clock; the server turns them into its own time (press-time.ts), so a tablet whose clock is
 * wrong still files each press at the right moment. submit_response and kiosk_sync validate everything again in SQL.
 */

export const KIOSK_REASONS = ['waiting_time', 'staff', 'steps', 'facilities', 'information', 'other'] as const;
export type KioskReason = (typeof KIOSK_REASONS)[number];
export const MAX_BATCH = 200;

const isoTime = z
  .string({ error: 'invalid_press_time' })
  .max(40, { error: 'invalid_press_time' })
  .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'invalid_press_time' });

/** Every issue of a press is a code of messages/ (errors or kiosk.errors): a refused press is answered with it. */
export const kioskPressSchema = z.strictObject(
  {
    clientKey: z.uuid({ error: 'invalid_client_key' }),
    rating: z
      .number({ error: 'invalid_rating' })
      .int({ error: 'invalid_rating' })
      .min(1, { error: 'invalid_rating' })
      .max(5, { error: 'invalid_rating' }),
    reason: z.enum(KIOSK_REASONS, { error: 'invalid_choice' }).optional(),
    pressedAt: isoTime,
    locale: z.enum(['th', 'en', 'my'], { error: 'invalid_choice' }).optional(),
  },
  // Not an object, or a field the tablet never sends (never echoed back: the key is the sender's text).
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_value') },
);
export type KioskPress = z.infer<typeof kioskPressSchema>;

export const kioskSyncSchema = z.strictObject({
  // The device token the tablet was given when it paired (lib/kiosk/device-code.ts), never the code.
  token: z.string().min(1, { error: 'kiosk_unknown' }).max(64, { error: 'kiosk_unknown' }),
  sentAt: isoTime,
  locale: z.enum(['th', 'en', 'my']).optional(),
  // Each press is checked on its own (one bad press must not hold back the others), so only the shape is checked here.
  presses: z.array(z.unknown()).max(MAX_BATCH, { error: 'invalid_batch' }),
});
export type KioskSyncBody = z.infer<typeof kioskSyncSchema>;

/** What the endpoint answers for each press: stored (new), duplicate (already stored: not stored again), or refused. */
export type KioskPressResult =
  | { clientKey: string; status: 'stored'; reference: string; flagged: boolean }
  | { clientKey: string; status: 'duplicate'; reference: string }
  | { clientKey: string; status: 'refused'; error: string };

/** The tablet as the database names it: its label and its service point. */
export interface KioskDevice {
  label: string;
  servicePoint: string;
  active: boolean;
}

/** What kiosk_sync answers: the device the token belongs to, and a result for each press it was given. */
export interface KioskSyncAnswer {
  device: KioskDevice;
  results: KioskPressResult[];
}

/** The body a kiosk posts to /api/kiosk/pair: the code typed on it, and the service point whose kiosk it is. */
export const kioskPairSchema = z.strictObject({
  code: z.string().min(1).max(40),
  servicePoint: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/),
  locale: z.enum(['th', 'en', 'my']).optional(),
});

import { z } from 'zod';

/**
 * The alert settings form → admin_update_alert_settings. Each number must be whole and in range; errors are codes
 * (staff.alerts.errors) beside their field. SQL checks the same ranges again.
 */

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'invalid_number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, 'out_of_range');

export const alertSettingsSchema = z.object({
  enabled: z
    .enum(['on', 'off'])
    .default('off')
    .transform((v) => v === 'on'),
  unhappyPercent: whole(1, 100),
  windowMinutes: whole(5, 1440),
  minResponses: whole(1, 1000),
  summary: z.enum(['off', 'daily', 'weekly'], { error: 'invalid_choice' }),
  summaryHour: whole(0, 23),
});
export type AlertSettingsChanges = z.infer<typeof alertSettingsSchema>;

export function parseAlertSettings(
  values: Record<string, string>,
): { ok: true; changes: AlertSettingsChanges } | { ok: false; fieldErrors: Record<string, string> } {
  const parsed = alertSettingsSchema.safeParse({ ...values, enabled: values.enabled === 'on' ? 'on' : 'off' });
  if (parsed.success) return { ok: true, changes: parsed.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? '_form')] ??= issue.message;
  return { ok: false, fieldErrors };
}

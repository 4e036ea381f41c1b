import type { Env } from '@/lib/env';

/**
 * LINE, from the environment (lib/env.ts has already refused a partial channel). Null when LINE is not configured:
 * then no LINE notice is enqueued, the webhook answers 404, and no page offers "Follow this in LINE".
 */
export interface LineConfig {
  channelId: string;
  channelSecret: string;
  accessToken: string;
  /** The LIFF app that links a citizen; without it the receipt offers no "Follow this in LINE". */
  liffId?: string;
  /** The LINE Login channel behind the LIFF app: the audience of its ID tokens (the LIFF id's first part). */
  loginChannelId?: string;
  /** Group, room or user ids that get staff notices (alerts, routing notices, the summary). */
  staffTo: string[];
  /** https://api.line.me, or a local stand-in in tests. */
  apiBaseUrl: string;
  /** Tests only: LIFF in mock mode (@line/liff-mock) on the follow page. */
  liffMock: boolean;
  /** The address to paste into the LINE Developers console. */
  webhookUrl: string;
}

type LineEnv = Pick<
  Env,
  | 'LINE_CHANNEL_ID'
  | 'LINE_CHANNEL_SECRET'
  | 'LINE_CHANNEL_ACCESS_TOKEN'
  | 'LIFF_ID'
  | 'LINE_STAFF_TO'
  | 'LINE_API_BASE_URL'
  | 'LINE_LIFF_MOCK'
  | 'PUBLIC_BASE_URL'
>;

export const DEFAULT_LINE_API = 'https://api.line.me';

export function lineConfigFrom(env: LineEnv): LineConfig | null {
  if (!env.LINE_CHANNEL_ID || !env.LINE_CHANNEL_SECRET || !env.LINE_CHANNEL_ACCESS_TOKEN) return null;
  const baseUrl = (env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  return {
    channelId: env.LINE_CHANNEL_ID,
    channelSecret: env.LINE_CHANNEL_SECRET,
    accessToken: env.LINE_CHANNEL_ACCESS_TOKEN,
    liffId: env.LIFF_ID,
    loginChannelId: env.LIFF_ID?.split('-')[0],
    staffTo: (env.LINE_STAFF_TO ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    apiBaseUrl: (env.LINE_API_BASE_URL ?? DEFAULT_LINE_API).replace(/\/+$/, ''),
    liffMock: env.LINE_LIFF_MOCK === 'true',
    webhookUrl: `${baseUrl}/api/line/webhook`,
  };
}

/** Which LINE settings are present, for the admin page (names only, never values). */
export function lineSettingsPresent(env: LineEnv): { name: string; present: boolean }[] {
  return (['LINE_CHANNEL_ID', 'LINE_CHANNEL_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'LIFF_ID', 'LINE_STAFF_TO'] as const).map((name) => ({
    name,
    present: Boolean(env[name]),
  }));
}

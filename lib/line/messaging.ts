import { createHash } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { LineConfig } from './line-config';

/** The Messaging API client of @line/bot-sdk, pointed at LINE (or at the local stand-in in tests). */
export function messagingClient(config: LineConfig): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken: config.accessToken, baseURL: config.apiBaseUrl });
}

/**
 * X-Line-Retry-Key: a UUID derived from the outbox row's dedupe key (and the recipient), so a retry after a timeout
 * is recognised by LINE as the same push and never delivered twice.
 */
export function retryKey(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\n')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** LINE limits a text message to 5,000 characters. */
const clip = (text: string) => (text.length > 5000 ? `${text.slice(0, 4999)}…` : text);

/** Push one text to each recipient; a 409 means LINE already accepted this retry key, so it counts as sent. */
export async function pushText(client: messagingApi.MessagingApiClient, to: string[], text: string, key: string): Promise<void> {
  if (to.length === 0) throw new Error('no LINE recipient');
  for (const recipient of to) {
    try {
      await client.pushMessage({ to: recipient, messages: [{ type: 'text', text: clip(text) }] }, retryKey(key, recipient));
    } catch (error) {
      if (error instanceof HTTPFetchError && error.status === 409) continue;
      throw new Error(
        error instanceof HTTPFetchError ? `LINE answered ${error.status}` : `LINE: ${(error as Error).message}`.slice(0, 200),
      );
    }
  }
}

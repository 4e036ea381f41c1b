import type { LocalizedText } from '@/lib/format/localized-text';

/**
 * The outbox payloads of the notices that close the loop (15_notices.sql). Neither holds a citizen's personal data:
 * a routing notice has the division and counts; a resolution notice names only the suggestion, and the sender reads
 * the address when it sends (notification_citizen_notice).
 */

export interface RoutedPayload {
  type: 'routed';
  division: string;
  divisionName: LocalizedText;
  /** Suggestions routed to the division since the notice was queued (routings merge until it is sent). */
  routed: number;
  /** Suggestions of the division still assigned or in progress when the last one was routed. */
  open: number;
}

export interface ResolvedPayload {
  type: 'resolved';
  suggestionId: number;
}

/** notification_citizen_notice: what the sender needs, read only while it holds the row. */
export interface CitizenNotice {
  email: string;
  reference: string;
  locale: 'th' | 'en' | 'my';
  status: string;
  reply: string | null;
}

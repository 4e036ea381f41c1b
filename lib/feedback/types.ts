import type { PublicAction } from '@/lib/improvements/types';
import type { SuggestionCategory } from '@/lib/responses/options';
import type { SuggestionStatus } from './inbox-filter';

/** Shapes returned by the staff API (supabase/migrations/*_staff_api.sql). */

export interface InboxItem {
  id: number;
  body: string;
  publicBody: string | null;
  category: SuggestionCategory;
  status: SuggestionStatus;
  createdAt: string;
  updatedAt: string;
  wantsReply: boolean;
  reference: string;
  rating: number;
  servicePoint: { slug: string; name: string };
  division: { slug: string; name: string } | null;
  /** When the first public reply is due (organisation.reply_due_days after arrival), and when it came, or null. */
  dueAt: string;
  answeredAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  next: { at: string; id: number } | null;
  /** Days within which a suggestion is due its first public reply (the LPA's 15 by default). */
  dueDays: number;
  /** Suggestions still new that the caller may see, whatever the filter. */
  newCount: number;
}

export interface StaffOptions {
  divisions: { id: number; slug: string; name: string }[];
  servicePoints: { slug: string; name: string; division: string; active: boolean }[];
}

export interface AuditEntry {
  at: string;
  action: string;
  actorRole: string;
  actor: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface SuggestionDetail {
  id: number;
  version: number;
  body: string;
  publicBody: string | null;
  category: SuggestionCategory;
  status: SuggestionStatus;
  wantsReply: boolean;
  createdAt: string;
  updatedAt: string;
  division: { slug: string; name: string } | null;
  duplicateOf: { id: number; reference: string } | null;
  response: {
    reference: string;
    overallRating: number;
    createdAt: string;
    channel: 'qr' | 'web' | 'kiosk' | 'paper';
    locale: string;
    isDemo: boolean;
    respondent: Record<string, string>;
    servicePoint: { slug: string; name: string };
    answers: { code: string; dimension: string; text: string; rating: number }[];
  };
  contact: { name: string | null; phone: string | null; email: string | null; purgeAfter: string } | null;
  notes: { body: string; at: string; author: string | null }[];
  replies: { body: string; at: string; author: string | null }[];
  history: AuditEntry[];
  actions: { id: number; title: string; status: PublicAction['status'] }[];
  canEdit: boolean;
  allowedStatuses: SuggestionStatus[];
}

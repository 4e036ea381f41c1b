import type { SuggestionStatus } from './inbox-filter';

/** Shapes returned by the staff API (supabase/migrations/*_staff_api.sql). */

export interface InboxItem {
  id: number;
  body: string;
  publicBody: string | null;
  category: string;
  status: SuggestionStatus;
  createdAt: string;
  updatedAt: string;
  wantsReply: boolean;
  reference: string;
  rating: number;
  servicePoint: { slug: string; name: string };
  division: { slug: string; name: string } | null;
}

export interface InboxPage {
  items: InboxItem[];
  next: { at: string; id: number } | null;
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
  category: string;
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
  actions: { id: number; title: string; status: string }[];
  canEdit: boolean;
  allowedStatuses: SuggestionStatus[];
}

import { getDb, isPermissionDenied } from '@/lib/db';
import type { StaffSession } from '@/lib/auth/staff-profile';
import type { OutboxRow } from './deliver';

/** What admin_alerts returns. */
export interface AdminAlerts {
  settings: {
    enabled: boolean;
    unhappy_percent: number;
    window_minutes: number;
    min_responses: number;
    summary: 'off' | 'daily' | 'weekly';
    summary_hour: number;
  };
  events: {
    id: number;
    servicePoint: string;
    name: { th: string; en?: string };
    responses: number;
    unhappy: number;
    windowStart: string;
    windowEnd: string;
    createdAt: string;
  }[];
  outbox: {
    id: number;
    kind: OutboxRow['kind'];
    channel: OutboxRow['channel'];
    status: 'pending' | 'sending' | 'sent' | 'failed';
    attempts: number;
    lastError: string | null;
    createdAt: string;
    sentAt: string | null;
  }[];
  counts: { pending: number; failed: number; sent: number };
}

export async function loadAdminAlerts(session: StaffSession): Promise<AdminAlerts | null> {
  try {
    return await (await getDb()).rpc('admin_alerts', {}, session.caller);
  } catch (error) {
    if (isPermissionDenied(error)) return null;
    throw error;
  }
}

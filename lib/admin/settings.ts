import { getDb, isPermissionDenied } from '@/lib/db';
import type { StaffSession } from '@/lib/auth/staff-profile';
import type { ReportSignatories } from '@/lib/report/load-report';

type Localized = { th: string; en?: string; my?: string };

/** What admin_settings returns (raw localised texts, for editing). */
export interface AdminSettings {
  organisation: {
    name: Localized;
    reference_prefix: string;
    contact: { office?: Partial<Localized>; address?: Partial<Localized>; phone?: string; email?: string; website?: string };
    pdpa_notice: Partial<Localized>;
    contact_retention_days: number;
    reply_due_days: number;
    level_bands: '0.5' | '0.8';
    thai_digits: boolean;
    eit_url: string | null;
    burst_window_seconds: number;
    burst_max_per_source: number;
    burst_max_per_device: number;
    kiosk_repeat_seconds: number;
    kiosk_burst_window_seconds: number;
    kiosk_burst_max: number;
    /** Who signs the yearly report (name and position, Thai and English); any part may be missing. */
    report_signatories: ReportSignatories;
    kiosk_code_ttl_minutes: number;
  };
  divisions: { id: number; slug: string; name: Localized; position: number; email: string | null; servicePoints: number }[];
  servicePoints: { slug: string; name: Localized; division: string; services: Localized[]; active: boolean }[];
  staff: {
    userId: string;
    email: string;
    displayName: string;
    role: string;
    division: string | null;
    active: boolean;
    isDemo: boolean;
    lastSignInAt: string | null;
  }[];
}

/** The settings, or null when the caller is not an admin (the database refuses). */
export async function loadAdminSettings(session: StaffSession): Promise<AdminSettings | null> {
  try {
    return await (await getDb()).rpc('admin_settings', {}, session.caller);
  } catch (error) {
    if (isPermissionDenied(error)) return null;
    throw error;
  }
}

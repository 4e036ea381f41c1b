import { getDb, isNotFound, isPermissionDenied } from '@/lib/db';
import type { StaffSession } from '@/lib/auth/staff-profile';

/** What kiosk_devices returns: a service point's tablets and codes, what each sent, and the follow-up answers of 30 days. */
export interface KioskDevices {
  servicePoint: { slug: string; name: { th: string; en?: string }; active: boolean };
  devices: {
    id: string;
    label: string;
    codeHint: string;
    createdAt: string;
    revokedAt: string | null;
    lastSyncAt: string | null;
    pairedAt: string | null;
    codeExpiresAt: string;
    /** waiting: a code not used yet; expired: never used, now past its time; paired: a tablet holds its token. */
    status: 'waiting' | 'expired' | 'paired' | 'revoked';
    presses: number;
    flagged: number;
  }[];
  reasons: Record<string, number>;
}

/** Null when the caller may not manage kiosks (only the admin and the PR officer may) or the point does not exist. */
export async function loadKioskDevices(session: StaffSession, slug: string): Promise<KioskDevices | null> {
  try {
    return await (await getDb()).rpc('kiosk_devices', { p_service_point: slug }, session.caller);
  } catch (error) {
    if (isPermissionDenied(error) || isNotFound(error)) return null;
    throw error;
  }
}

import { anon, getDb } from '@/lib/db';
import { sniffType } from '@/lib/evidence/sniff';
import { stripMetadata } from '@/lib/evidence/strip-metadata';

/**
 * The municipality's logo or emblem (ตราสัญลักษณ์), shown on the home page and the printed report. An upload is judged
 * by its bytes as evidence is (lib/evidence/sniff.ts): PNG, JPEG or WebP only (an SVG can carry script), at most
 * 512 KiB, camera metadata stripped. It is kept in the database (organisation_logo), so every mode and every backup
 * has it, and served by /api/logo.
 */

export const MAX_LOGO_BYTES = 512 * 1024;
export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

/** What public_logo returns: the type, a version that changes with the image, and (when asked) its bytes in base64. */
export interface PublicLogo {
  mediaType: LogoType;
  version: string;
  data: string | null;
}

export type PreparedLogo =
  | { ok: true; mediaType: LogoType; bytes: Uint8Array }
  | { ok: false; code: 'file_missing' | 'logo_too_large' | 'file_type_not_allowed' | 'file_damaged' };

export async function prepareLogo(file: File | null): Promise<PreparedLogo> {
  if (!file || file.size === 0) return { ok: false, code: 'file_missing' };
  if (file.size > MAX_LOGO_BYTES) return { ok: false, code: 'logo_too_large' };
  const raw = new Uint8Array(await file.arrayBuffer());
  const type = sniffType(raw);
  if (type !== 'image/png' && type !== 'image/jpeg' && type !== 'image/webp') return { ok: false, code: 'file_type_not_allowed' };
  const bytes = stripMetadata(raw, type);
  if (!bytes) return { ok: false, code: 'file_damaged' };
  return { ok: true, mediaType: type, bytes };
}

/** The logo's address with its version (so a browser may keep it for good), or null when none is set. */
export async function logoUrl(): Promise<string | null> {
  const logo = await (await getDb()).rpc('public_logo', { p_data: false }, anon).catch(() => null);
  return logo ? `/api/logo?v=${encodeURIComponent(logo.version)}` : null;
}

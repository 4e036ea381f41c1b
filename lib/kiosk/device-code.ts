import { createHash, randomBytes } from 'node:crypto';

/**
 * Kiosk device codes: 20 characters of base 32 (A–Z, 2–7: no 0/O or 1/I to confuse), 100 random bits, shown to
 * staff once in groups of four (ABCD-EFGH-JKLM-NPQR-STUV) and typed once on the tablet, which it pairs (one tablet,
 * once, before it expires). Only the SHA-256 of the
 * normalised code is stored: with 100 random bits no key is needed to make the hash irreversible.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const DEVICE_CODE_LENGTH = 20;

export function generateDeviceCode(): string {
  const bytes = randomBytes(DEVICE_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return formatDeviceCode(code);
}

/** Upper case, spaces and dashes removed, and the look-alikes a person may type (O→0 is not in the alphabet). */
export function normalizeDeviceCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

export function isDeviceCode(typed: string): boolean {
  return new RegExp(`^[${ALPHABET}]{${DEVICE_CODE_LENGTH}}$`).test(normalizeDeviceCode(typed));
}

export function formatDeviceCode(code: string): string {
  return normalizeDeviceCode(code).replace(/(.{4})(?=.)/g, '$1-');
}

export function hashDeviceCode(typed: string): string {
  return createHash('sha256')
    .update(`siang-kiosk|${normalizeDeviceCode(typed)}`)
    .digest('hex');
}

/**
 * The device token a tablet is given when its code pairs it: 32 random bytes (256 bits) in base64url, kept on the
 * tablet and sent with every sync. Like the code, only its SHA-256 is stored (a different prefix: a code's hash can
 * never be a token's).
 */
export function generateDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isDeviceToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function hashDeviceToken(token: string): string {
  return createHash('sha256').update(`siang-kiosk-token|${token}`).digest('hex');
}

/** The last four characters, stored so staff can tell tablets apart without the code. */
export function deviceCodeHint(code: string): string {
  return normalizeDeviceCode(code).slice(-4);
}

import QRCode from 'qrcode';
import { env } from '@/lib/env';

/**
 * The address a counter's QR code carries: PUBLIC_BASE_URL + /s/<slug>, with no language in it, so each phone is sent
 * to its own language. When PUBLIC_BASE_URL is not configured the poster says so, and uses the address the admin is
 * browsing from (which may not be reachable by citizens).
 */
export function publicBaseUrl(requestHeaders: Headers): { base: string; configured: boolean } {
  const configured = env().PUBLIC_BASE_URL;
  if (configured) return { base: configured.replace(/\/+$/, ''), configured: true };
  const host = requestHeaders.get('x-forwarded-host') ?? requestHeaders.get('host') ?? 'localhost:3000';
  const proto = requestHeaders.get('x-forwarded-proto') ?? 'http';
  return { base: `${proto}://${host}`, configured: false };
}

export const surveyUrl = (base: string, slug: string) => `${base}/s/${slug}`;

/** The QR code as an SVG string (error correction M: survives a scuffed, sun-faded poster). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}

/**
 * Evidence files are judged by their bytes, never by their name or the browser's claimed type: an executable named
 * photo.jpg is refused. Accepted: JPEG, PNG and WebP photos, and PDF documents.
 */

export type EvidenceType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export function sniffType(bytes: Uint8Array): EvidenceType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50)
    return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return null;
}

export const kindOf = (type: EvidenceType): 'image' | 'document' => (type === 'application/pdf' ? 'document' : 'image');

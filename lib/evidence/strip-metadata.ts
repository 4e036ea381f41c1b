import type { EvidenceType } from './sniff';

/**
 * Remove what a camera writes about a photo before anyone public sees it: GPS position, device, owner, time (EXIF,
 * XMP, IPTC, comments). The picture data itself is kept byte for byte, so nothing is re-encoded or degraded.
 * A file whose structure does not parse is refused (null), never passed through as is.
 */
export function stripMetadata(bytes: Uint8Array, type: EvidenceType): Uint8Array | null {
  if (type === 'image/jpeg') return stripJpeg(bytes);
  if (type === 'image/png') return stripPng(bytes);
  if (type === 'image/webp') return stripWebp(bytes);
  return bytes; // documents are published as given (staff decide whether one is public)
}

function stripJpeg(bytes: Uint8Array): Uint8Array | null {
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1]!;
    if (marker === 0xda) {
      out.push(bytes.subarray(i)); // start of scan: the image data runs to the end
      return concat(out);
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (length < 2 || i + 2 + length > bytes.length) return null;
    // APP1–APP15 (EXIF, XMP, IPTC, …) and COM go; APP0 (JFIF) and everything that draws the picture stays.
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!metadata) out.push(bytes.subarray(i, i + 2 + length));
    i += 2 + length;
  }
  return null;
}

const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);

function stripPng(bytes: Uint8Array): Uint8Array | null {
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    const end = i + 12 + length;
    if (end > bytes.length) return null;
    if (PNG_KEEP.has(type)) out.push(bytes.subarray(i, end)); // tEXt, zTXt, iTXt, eXIf, tIME… go
    i = end;
    if (type === 'IEND') return concat(out);
  }
  return null;
}

function stripWebp(bytes: Uint8Array): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= bytes.length) {
    const type = String.fromCharCode(...bytes.subarray(i, i + 4));
    const size = (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24)) >>> 0;
    const end = i + 8 + size + (size % 2);
    if (end > bytes.length + (size % 2)) return null;
    if (type !== 'EXIF' && type !== 'XMP ') chunks.push(bytes.subarray(i, Math.min(end, bytes.length)));
    i = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 4));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  header.set(bytes.subarray(8, 12), 8);
  // The VP8X header's EXIF/XMP flags must no longer announce chunks that are gone.
  const result = concat([header, body]);
  const vp8x = findChunk(result, 'VP8X');
  if (vp8x >= 0) result[vp8x + 8] = result[vp8x + 8]! & ~0x0c;
  return result;
}

function findChunk(bytes: Uint8Array, name: string): number {
  let i = 12;
  while (i + 8 <= bytes.length) {
    if (String.fromCharCode(...bytes.subarray(i, i + 4)) === name) return i;
    const size = (bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | (bytes[i + 7]! << 24)) >>> 0;
    i += 8 + size + (size % 2);
  }
  return -1;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

import { createHash, randomUUID } from 'node:crypto';
import { MAX_EVIDENCE_BYTES, kindOf, sniffType, type EvidenceType } from './sniff';
import { stripMetadata } from './strip-metadata';

export type PreparedEvidence =
  | { ok: true; id: string; bytes: Uint8Array; mediaType: EvidenceType; kind: 'image' | 'document'; sha256: string }
  | { ok: false; code: 'file_missing' | 'file_too_large' | 'file_type_not_allowed' | 'file_damaged' | 'file_name_invalid' };

/**
 * Check an uploaded file before it is stored: a sane name (never used for storage, but a name with a path in it is a
 * sign of tampering), a size limit, a type judged from the bytes, and metadata stripped from photos.
 */
export async function prepareEvidence(file: File | null): Promise<PreparedEvidence> {
  if (!file || file.size === 0) return { ok: false, code: 'file_missing' };
  if (/[/\\\u0000-\u001f]|\.\./.test(file.name) || file.name.length > 255) return { ok: false, code: 'file_name_invalid' };
  if (file.size > MAX_EVIDENCE_BYTES) return { ok: false, code: 'file_too_large' };
  const raw = new Uint8Array(await file.arrayBuffer());
  const mediaType = sniffType(raw);
  if (!mediaType) return { ok: false, code: 'file_type_not_allowed' };
  const bytes = stripMetadata(raw, mediaType);
  if (!bytes) return { ok: false, code: 'file_damaged' };
  return {
    ok: true,
    id: randomUUID(),
    bytes,
    mediaType,
    kind: kindOf(mediaType),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

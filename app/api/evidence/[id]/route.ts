import { NextResponse } from 'next/server';
import { currentStaff } from '@/lib/auth/current-staff';
import { anon, getDb } from '@/lib/db';
import { evidenceStore } from '@/lib/evidence/store';
import { FILE_CONTENT_SECURITY_POLICY } from '@/lib/http/security-headers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * GET /api/evidence/{id}: an evidence file. The public gets it only if it is public and its action published
 * (public_evidence); staff get any (RLS). Served with the type found in its bytes, never executed: images inline,
 * documents as downloads, nosniff, and a sandboxing CSP in case a browser tries to render it as a page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const db = await getDb();
  const staff = await currentStaff();
  const meta = staff
    ? await db.rpc('evidence_meta', { p_evidence: id }, staff.caller)
    : await db.rpc('public_evidence', { p_evidence: id }, anon);
  if (!meta) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const bytes = await (await evidenceStore()).get(id);
  if (!bytes) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': meta.mediaType,
      'content-disposition': meta.kind === 'image' ? 'inline' : `attachment; filename="evidence-${id.slice(0, 8)}.pdf"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': FILE_CONTENT_SECURITY_POLICY,
      // Kept by caches 5 minutes at most: a removed file (a citizen's face, say) must not outlive its removal for long.
      'cache-control': staff ? 'private, no-store' : 'public, max-age=300',
    },
  });
}

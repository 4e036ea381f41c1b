import { anon, getDb, isDbUnavailable } from '@/lib/db';

/**
 * GET /api/logo: the municipality's logo as an image (lib/admin/logo.ts), 404 when none is set. Pages link it as
 * /api/logo?v=<version>: that address changes with the image, so it may be kept for a year; without ?v, five minutes.
 */
export async function GET(request: Request) {
  try {
    const logo = await (await getDb()).rpc('public_logo', { p_data: true }, anon);
    if (!logo?.data) return new Response(null, { status: 404, headers: { 'cache-control': 'no-cache' } });
    const versioned = new URL(request.url).searchParams.get('v') === logo.version;
    return new Response(Buffer.from(logo.data, 'base64'), {
      headers: {
        'content-type': logo.mediaType,
        'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return new Response(null, { status: 503, headers: { 'retry-after': isDbUnavailable(error) ? '5' : '30' } });
  }
}

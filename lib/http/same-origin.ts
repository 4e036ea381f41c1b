/**
 * Cross-site request forgery guard for every state-changing request (forms, server actions, JSON routes): a browser
 * always sends Origin on a cross-site POST, so a POST whose Origin is not this site is refused. Requests with no
 * Origin at all (curl, server-to-server, very old browsers on GET-like forms) are allowed: they carry no victim's
 * cookies by accident, and staff sessions are SameSite=Lax on top of this.
 */

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isCrossOriginWrite(request: Request): boolean {
  if (!UNSAFE.has(request.method)) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  if (origin === 'null') return true; // sandboxed frames and some redirects: never ours
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  return originHost !== host;
}

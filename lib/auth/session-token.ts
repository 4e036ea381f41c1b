import { SignJWT, jwtVerify } from 'jose';
import type { JwtClaims } from '@/lib/db';
import { secrets } from '@/lib/secrets';

/**
 * The built-in session: a JWT signed by the server (HS256) carrying the claims Supabase Auth would issue
 * (sub, role "authenticated", email, aud, exp, session_id), so RLS reads the same auth.uid() in every mode. It
 * identifies the person only: their role is looked up in public.staff on every request, so deactivating someone takes
 * effect at once, and signing out ends the session in the database (public.staff_session), so a copied cookie stops
 * working too.
 */

export const SESSION_COOKIE = 'siang_session';
export const SESSION_HOURS = 8;

const key = () => new TextEncoder().encode(secrets().session);

export async function signSession(user: { id: string; email: string; sessionId: string }, now = Date.now()): Promise<string> {
  return new SignJWT({ role: 'authenticated', email: user.email, session_id: user.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setAudience('authenticated')
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + SESSION_HOURS * 3600)
    .sign(key());
}

/** The claims of a valid, unexpired session token, or null. */
export async function verifySession(token: string | undefined): Promise<JwtClaims | null> {
  if (!token || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ['HS256'], audience: 'authenticated' });
    if (typeof payload.sub !== 'string' || payload.role !== 'authenticated') return null;
    return { ...payload, sub: payload.sub, role: 'authenticated' } as JwtClaims;
  } catch {
    return null;
  }
}

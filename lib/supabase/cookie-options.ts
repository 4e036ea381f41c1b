import type { CookieOptions } from '@supabase/ssr';
import { SESSION_HOURS } from '@/lib/auth/session-token';

/**
 * Supabase Auth's session cookies held to the built-in staff cookie's rules: HttpOnly (only the server reads them:
 * this app has no browser Supabase client), Secure in production, SameSite=Lax, and a life of the 8-hour staff
 * session. @supabase/ssr always writes 400 days whatever cookieOptions say, so every cookie it sets passes through
 * here; a removal (max age 0) stays a removal. Each refresh writes the cookie again, so the 8 hours count from the
 * last request; for an absolute limit set Supabase Auth's time-boxed sessions to 8 hours (README).
 */
export function staffCookieOptions(options: CookieOptions = {}, production = process.env.NODE_ENV === 'production'): CookieOptions {
  const removal = options.maxAge === 0;
  return {
    ...options,
    path: '/',
    httpOnly: true,
    secure: production,
    sameSite: 'lax',
    maxAge: removal ? 0 : SESSION_HOURS * 3600,
    ...(removal ? {} : { expires: undefined }),
  };
}

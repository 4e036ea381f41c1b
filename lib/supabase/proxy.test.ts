import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest, NextResponse } from 'next/server';
import { startAuthStandIn, type AuthStandIn } from './testing/auth-stand-in';
import { staffCookieOptions } from './cookie-options';

/**
 * The proxy refreshes Supabase Auth's session as @supabase/ssr documents (issue 19): once per expiry, onto the
 * response the browser gets, with the staff cookie's rules. Against a stand-in for Supabase Auth whose refresh tokens
 * are single-use, so a second refresh with the same token, as a server component without cookie access would try,
 * is refused there.
 */

const COOKIE = 'sb-127-auth-token'; // supabase-js names it after the first label of the project's host
const user = { id: '2b7f3f0e-9d0a-4c55-9a53-6f0d3a0f6c11', email: 'pr@test.example' };
let auth: AuthStandIn;
let updateSession: typeof import('./proxy').updateSession;

const encode = (session: unknown) => `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
const decode = (value: string) =>
  JSON.parse(Buffer.from(value.replace(/^base64-/, ''), 'base64url').toString()) as { access_token: string; refresh_token: string };

async function pass(cookie: string | undefined, headers: Record<string, string> = {}) {
  const request = new NextRequest('http://localhost/th/staff', {
    headers: { ...headers, ...(cookie ? { cookie: `${COOKIE}=${cookie}` } : {}) },
  });
  const response = NextResponse.next();
  await updateSession(request, response);
  return { request, response, setCookie: response.headers.getSetCookie() };
}

describe('the proxy refreshes the Supabase session', () => {
  beforeAll(async () => {
    auth = await startAuthStandIn();
    vi.stubEnv('SIANG_DB', 'supabase');
    vi.stubEnv('SUPABASE_URL', auth.url);
    vi.stubEnv('SUPABASE_ANON_KEY', 'anon-key-of-the-stand-in-0123456789');
    vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', 'service-key-of-the-stand-in-0123456789');
    vi.stubEnv('SESSION_SECRET', 'x'.repeat(40));
    vi.stubEnv('SOURCE_HASH_SECRET', 'y'.repeat(40));
    vi.resetModules(); // lib/env caches the configuration it read first
    ({ updateSession } = await import('./proxy'));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await auth.close();
  });

  it('refreshes an expired access token exactly once and keeps the staff member signed in', async () => {
    const expired = await auth.issueSession(user, -30);
    const first = await pass(encode(expired));
    expect(auth.refreshes).toBe(1);
    const written = first.response.cookies.get(COOKIE)!;
    const refreshed = decode(written.value);
    expect(refreshed.access_token).not.toBe(expired.access_token);
    expect(refreshed.refresh_token).not.toBe(expired.refresh_token);
    // The page rendering now reads the refreshed session too, so it does not refresh a second time.
    expect(first.request.cookies.get(COOKIE)?.value).toBe(written.value);
    // The staff cookie's rules: HttpOnly, SameSite=Lax, 8 hours, not 400 days.
    const header = first.setCookie.find((c) => c.startsWith(`${COOKIE}=`))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=lax/i);
    expect(header).toMatch(/Max-Age=28800/);

    // The next request carries the new cookie: no refresh, no cookie written.
    const second = await pass(written.value);
    expect(auth.refreshes).toBe(1);
    expect(second.setCookie.filter((c) => c.startsWith(`${COOKIE}=`))).toEqual([]);
  });

  it('signs out a browser that replays a refresh token already used, as Supabase Auth refuses it', async () => {
    const expired = await auth.issueSession(user, -30);
    await pass(encode(expired));
    const replay = await pass(encode(expired));
    const cleared = replay.setCookie.find((c) => c.startsWith(`${COOKIE}=`));
    expect(cleared).toMatch(/Max-Age=0/);
  });

  it('does not refresh on the render of a server action’s redirect, whose cookies Next.js does not pass on', async () => {
    const expired = await auth.issueSession(user, -30);
    const before = auth.refreshes;
    const internal = await pass(encode(expired), { 'x-action-redirect': '/th/staff;replace' });
    expect(auth.refreshes).toBe(before);
    expect(internal.setCookie).toEqual([]);
    // The browser's own next request refreshes with the same refresh token, which is therefore still unused.
    await pass(encode(expired));
    expect(auth.refreshes).toBe(before + 1);
  });

  it('leaves a request without a session alone (citizen pages)', async () => {
    const before = auth.refreshes;
    const { setCookie } = await pass(undefined);
    expect(setCookie).toEqual([]);
    expect(auth.refreshes).toBe(before);
  });
});

describe('staffCookieOptions', () => {
  it('is Secure in production, and a removal stays a removal', () => {
    expect(staffCookieOptions({ maxAge: 34_560_000 }, true)).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      maxAge: 28_800,
    });
    expect(staffCookieOptions({ maxAge: 0 }, false)).toMatchObject({ secure: false, maxAge: 0 });
  });
});

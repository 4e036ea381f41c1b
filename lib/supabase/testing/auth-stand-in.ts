import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SignJWT, jwtVerify } from 'jose';

/**
 * A stand-in for Supabase Auth (GoTrue) that enforces the rules the proxy's refresh depends on: access tokens are
 * HS256 JWTs that expire; a refresh token is single-use (using one issues a new pair and revokes it, and a revoked one
 * is refused as GoTrue refuses it); /user answers only for an unexpired, correctly signed token. It counts refreshes,
 * so a test can say "exactly one". Tests only.
 */

export interface StandInUser {
  id: string;
  email: string;
}

export interface AuthStandIn {
  url: string;
  secret: Uint8Array;
  refreshes: number;
  /** A session as GoTrue returns it, with an access token that expires `expiresIn` seconds from now (may be negative). */
  issueSession(user: StandInUser, expiresIn: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startAuthStandIn(): Promise<AuthStandIn> {
  const secret = randomBytes(32);
  const refreshTokens = new Map<string, { user: StandInUser; revoked: boolean }>();
  const state = { refreshes: 0 };

  async function issueSession(user: StandInUser, expiresIn: number) {
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ role: 'authenticated', email: user.email, aud: 'authenticated', session_id: randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuedAt(now - Math.max(0, -expiresIn) - 60)
      .setExpirationTime(now + expiresIn)
      .sign(secret);
    const refreshToken = randomBytes(12).toString('hex');
    refreshTokens.set(refreshToken, { user, revoked: false });
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_at: now + expiresIn,
      refresh_token: refreshToken,
      user: {
        id: user.id,
        aud: 'authenticated',
        role: 'authenticated',
        email: user.email,
        app_metadata: { provider: 'email' },
        user_metadata: {},
      },
    };
  }

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (url.pathname === '/auth/v1/token' && url.searchParams.get('grant_type') === 'refresh_token') {
      const token = (JSON.parse(raw || '{}') as { refresh_token?: string }).refresh_token ?? '';
      const entry = refreshTokens.get(token);
      if (!entry || entry.revoked) {
        return send(res, 400, { code: 400, error_code: 'refresh_token_already_used', msg: 'Invalid Refresh Token: Already Used' });
      }
      entry.revoked = true;
      state.refreshes += 1;
      return send(res, 200, await issueSession(entry.user, 3600));
    }
    if (url.pathname === '/auth/v1/user') {
      const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      try {
        const { payload } = await jwtVerify(bearer, secret, { algorithms: ['HS256'] });
        return send(res, 200, { id: payload.sub, aud: 'authenticated', role: 'authenticated', email: payload.email });
      } catch {
        return send(res, 403, { code: 403, error_code: 'bad_jwt', msg: 'invalid JWT' });
      }
    }
    if (url.pathname === '/auth/v1/logout') return void res.writeHead(204).end();
    return send(res, 404, { code: 404, msg: `stand-in has no ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secret,
    get refreshes() {
      return state.refreshes;
    },
    issueSession,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

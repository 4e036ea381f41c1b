import { rpcUnchecked } from '../supabase/tests/fixtures';
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { isDbError } from '../lib/db/errors';
import { serviceRole, type Caller, type SqlDb } from '../lib/db/types';

/**
 * A stand-in for a Supabase project's HTTP APIs, over a real PostgreSQL database, enforcing the rules the app relies on
 * (a real project is not reachable from CI):
 *   - Auth (GoTrue): password sign-in against auth.users' bcrypt hash; HS256 access tokens that expire; refresh tokens
 *     that rotate and are single-use (a reused one is refused as GoTrue refuses it); /user only for a valid token.
 *   - PostgREST: POST /rest/v1/rpc/<fn>, the role taken from the verified JWT (anon key, service key, or a user's
 *     access token), the call made with that role and claims in a transaction (the app's SQL transport does exactly
 *     what PostgREST does); an expired or forged token is refused with 401.
 *   - Storage: uploads, downloads and removals in the `evidence` bucket, for the service role only.
 */

export interface SupabaseStandIn {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  counts: { refreshes: number; passwordSignIns: number; refused: number };
  /** Every request, as `METHOD path status`, for a failing test's report. */
  log: string[];
  objects: Map<string, Buffer>;
  close(): Promise<void>;
}

export async function startSupabaseStandIn(db: SqlDb, port: number, firstExpiresIn = 100): Promise<SupabaseStandIn> {
  const secret = randomBytes(32);
  const counts = { refreshes: 0, passwordSignIns: 0, refused: 0 };
  const objects = new Map<string, Buffer>();
  const log: string[] = [];
  const refreshTokens = new Map<string, { sub: string; email: string; used: boolean }>();
  const sign = (claims: JWTPayload, seconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
      .sign(secret);
  const anonKey = await sign({ role: 'anon' }, 3600 * 24);
  const serviceRoleKey = await sign({ role: 'service_role' }, 3600 * 24);

  async function session(sub: string, email: string, expiresIn: number) {
    const refresh = randomBytes(12).toString('hex');
    refreshTokens.set(refresh, { sub, email, used: false });
    return {
      access_token: await sign({ sub, role: 'authenticated', aud: 'authenticated', email, session_id: randomUUID() }, expiresIn),
      token_type: 'bearer',
      expires_in: expiresIn,
      expires_at: Math.floor(Date.now() / 1000) + expiresIn,
      refresh_token: refresh,
      user: { id: sub, aud: 'authenticated', role: 'authenticated', email, app_metadata: { provider: 'email' }, user_metadata: {} },
    };
  }

  async function claimsOf(req: http.IncomingMessage): Promise<JWTPayload | null> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? String(req.headers.apikey ?? '');
    try {
      return (await jwtVerify(token, secret, { algorithms: ['HS256'] })).payload;
    } catch {
      return null;
    }
  }

  const server = http.createServer(async (req, res) => {
    res.on('finish', () => log.push(`${req.method} ${req.url} ${res.statusCode}`));
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const json = () => (raw.length ? JSON.parse(raw.toString('utf8')) : {}) as Record<string, unknown>;
    const claims = await claimsOf(req);

    if (url.pathname === '/auth/v1/token') {
      if (url.searchParams.get('grant_type') === 'password') {
        const { email, password } = json() as { email: string; password: string };
        const user = await db.rpc('auth_user_for_sign_in', { p_email: email }, serviceRole);
        if (!user?.passwordHash || !(await bcrypt.compare(password, user.passwordHash))) {
          return send(400, { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
        }
        counts.passwordSignIns += 1;
        return send(200, await session(user.id, user.email, firstExpiresIn));
      }
      const token = String(json().refresh_token ?? '');
      const entry = refreshTokens.get(token);
      if (!entry || entry.used) {
        counts.refused += 1;
        return send(400, { code: 400, error_code: 'refresh_token_already_used', msg: 'Invalid Refresh Token: Already Used' });
      }
      entry.used = true;
      counts.refreshes += 1;
      return send(200, await session(entry.sub, entry.email, 3600));
    }
    if (url.pathname === '/auth/v1/user') {
      if (!claims?.sub) return send(403, { code: 403, error_code: 'bad_jwt', msg: 'invalid JWT' });
      return send(200, { id: claims.sub, aud: 'authenticated', role: 'authenticated', email: claims.email });
    }
    if (url.pathname === '/auth/v1/logout') return void res.writeHead(204).end();

    const rpc = /^\/rest\/v1\/rpc\/([a-z_]+)$/.exec(url.pathname);
    if (rpc) {
      if (!claims) return send(401, { code: 'PGRST303', message: 'JWT expired or invalid' });
      const caller: Caller =
        claims.role === 'service_role'
          ? serviceRole
          : claims.role === 'authenticated' && claims.sub
            ? { role: 'authenticated', claims: { ...claims, sub: claims.sub, role: 'authenticated' } }
            : { role: 'anon' };
      try {
        // Any function name, as PostgREST takes it: the database, not the registry, decides what exists.
        return send(200, (await rpcUnchecked(db, rpc[1]!, json(), caller)) ?? null);
      } catch (error) {
        if (!isDbError(error)) return send(500, { message: (error as Error).message });
        const status =
          error.code === '42501'
            ? caller.role === 'anon'
              ? 401
              : 403
            : error.code === 'P0002'
              ? 404
              : error.code.startsWith('22') || error.code.startsWith('23')
                ? 400
                : 500;
        return send(status, { code: error.code, message: error.message, details: error.detail ?? null, hint: null });
      }
    }

    // Removal, as Storage takes it: DELETE on the bucket with the names, answering the objects it removed.
    if (url.pathname === '/storage/v1/object/evidence' && req.method === 'DELETE') {
      if (claims?.role !== 'service_role')
        return send(403, { statusCode: '403', error: 'Unauthorized', message: 'new row violates row-level security policy' });
      const names = (json().prefixes ?? []) as string[];
      return send(
        200,
        names.filter((name) => objects.delete(name)).map((name) => ({ name, bucket_id: 'evidence' })),
      );
    }
    const object = /^\/storage\/v1\/object\/evidence\/([\w-]+)$/.exec(url.pathname);
    if (object) {
      if (claims?.role !== 'service_role')
        return send(403, { statusCode: '403', error: 'Unauthorized', message: 'new row violates row-level security policy' });
      if (req.method === 'POST') {
        if (objects.has(object[1]!)) return send(409, { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' });
        objects.set(object[1]!, raw);
        return send(200, { Key: `evidence/${object[1]}`, Id: randomUUID() });
      }
      const stored = objects.get(object[1]!);
      if (!stored) return send(404, { statusCode: '404', error: 'not_found', message: 'Object not found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(stored);
    }
    return send(404, { message: `stand-in has no ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    anonKey,
    serviceRoleKey,
    counts,
    log,
    objects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

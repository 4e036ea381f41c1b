import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for LINE's API host (api.line.me) on this machine, for tests: @line/bot-sdk's MessagingApiClient is
 * pointed at it (LINE_API_BASE_URL). It records pushes and replies as LINE would receive them, and behaves as LINE
 * does where the app depends on it: a bearer token is required; a push repeating an accepted X-Line-Retry-Key is
 * answered 409 and not delivered again; profiles carry a language; LINE Login's /oauth2/v2.1/verify turns a known ID
 * token into its user for the right channel only (400 otherwise). `failNextPushes(n)` makes LINE answer 500 n times.
 */

export interface RecordedMessage {
  to: string;
  text: string;
  retryKey?: string;
}
export interface RecordedReply {
  replyToken: string;
  text: string;
}

export interface LineStandIn {
  url: string;
  pushes: RecordedMessage[];
  replies: RecordedReply[];
  /** Every request body and header LINE received, to check that none carries personal data. */
  raw: string[];
  failNextPushes(count: number): void;
  setProfile(userId: string, language: string): void;
  /** An ID token LINE Login will accept for this user, issued to this LINE Login channel. */
  addIdToken(token: string, userId: string, channelId: string): void;
  close(): Promise<void>;
}

export async function startLineStandIn(options: { port?: number; accessToken: string }): Promise<LineStandIn> {
  const pushes: RecordedMessage[] = [];
  const replies: RecordedReply[] = [];
  const raw: string[] = [];
  const acceptedKeys = new Set<string>();
  const profiles = new Map<string, string>();
  const idTokens = new Map<string, { userId: string; channelId: string }>();
  let failing = 0;

  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      raw.push(`${request.method} ${url.pathname}\n${JSON.stringify(request.headers)}\n${body}`);
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      };
      if (request.method === 'POST' && url.pathname === '/oauth2/v2.1/verify') {
        const form = new URLSearchParams(body);
        const known = idTokens.get(form.get('id_token') ?? '');
        if (!known || known.channelId !== form.get('client_id'))
          return json(400, { error: 'invalid_request', error_description: 'Invalid IdToken.' });
        return json(200, {
          iss: 'https://access.line.me',
          sub: known.userId,
          aud: known.channelId,
          exp: Math.floor(Date.now() / 1000) + 600,
        });
      }
      if (request.headers.authorization !== `Bearer ${options.accessToken}`) return json(401, { message: 'Authentication failed' });
      if (request.method === 'POST' && url.pathname === '/v2/bot/message/push') {
        if (failing > 0) {
          failing--;
          return json(500, { message: 'An error occurred in the server' });
        }
        const key = request.headers['x-line-retry-key'] as string | undefined;
        if (key && acceptedKeys.has(key)) return json(409, { message: 'The retry key is already accepted' });
        if (key) acceptedKeys.add(key);
        const parsed = JSON.parse(body) as { to: string; messages: { type: string; text: string }[] };
        for (const m of parsed.messages) pushes.push({ to: parsed.to, text: m.text, retryKey: key });
        return json(200, { sentMessages: parsed.messages.map((_, i) => ({ id: String(Date.now() + i) })) });
      }
      if (request.method === 'POST' && url.pathname === '/v2/bot/message/reply') {
        const parsed = JSON.parse(body) as { replyToken: string; messages: { text: string }[] };
        for (const m of parsed.messages) replies.push({ replyToken: parsed.replyToken, text: m.text });
        return json(200, { sentMessages: [] });
      }
      const profile = /^\/v2\/bot\/profile\/([^/]+)$/.exec(url.pathname);
      if (request.method === 'GET' && profile) {
        const language = profiles.get(decodeURIComponent(profile[1]!));
        if (!language) return json(404, { message: 'Not found' });
        return json(200, { userId: profile[1], displayName: 'LINE user', language });
      }
      return json(404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pushes,
    replies,
    raw,
    failNextPushes: (count) => void (failing = count),
    setProfile: (userId, language) => void profiles.set(userId, language),
    addIdToken: (token, userId, channelId) => void idTokens.set(token, { userId, channelId }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

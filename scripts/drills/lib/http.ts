import { createHash } from 'node:crypto';
import http from 'node:http';

/**
 * A raw HTTP client for the drills and the fuzzer: the path and the body go out byte for byte (fetch would normalise
 * "..", re-encode the path, and refuse some bodies), redirects are not followed, and nothing is decoded for us.
 * Only ever aimed at the app on this machine (loopback).
 */

export interface RawRequest {
  method: 'GET' | 'POST';
  /** The request target exactly as sent: must start with "/" and contain no space or control character. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: () => string;
  json: () => unknown;
}

export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets = 8) {
    this.base = new URL(baseUrl);
    if (!['localhost', '127.0.0.1', '[::1]'].includes(this.base.hostname)) {
      throw new Error(`The drills only send traffic to this machine, not to ${this.base.hostname}`);
    }
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  get origin(): string {
    return this.base.origin;
  }

  send(request: RawRequest, timeoutMs = 60_000): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.body) headers['content-length'] = request.body.byteLength;
      const req = http.request(
        {
          agent: this.agent,
          host: this.base.hostname.replace(/^\[|\]$/g, ''),
          port: this.base.port,
          method: request.method,
          path: request.path,
          headers,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              text: () => body.toString('utf8'),
              json: () => JSON.parse(body.toString('utf8')),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms: ${request.method} ${request.path.slice(0, 80)}`)));
      req.on('error', reject);
      if (request.body) req.write(request.body);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}

/**
 * The receipt a phone sends with a response's client key (issue 17): the survey page puts one in a hidden field, and
 * the phone sends the same one again with every retry and follow-up of that response. The drills play many phones
 * without cookies, so each key gets its own receipt, fixed by the key (never how the app makes them).
 */
export function receiptFor(clientKey: string): string {
  return createHash('sha256').update(`drill-receipt|${clientKey}`).digest('base64url').slice(0, 32);
}

/** A distinct client address per request (IPv6 documentation prefix), so per-address limits never mix cases up. */
let addressCounter = Math.floor(Math.random() * 0xffff) * 0x10000;
export function freshAddress(): string {
  addressCounter++;
  // A /64 of its own each time: the app counts a whole IPv6 /64 as one client (lib/http/address.ts).
  return `2001:db8:${(addressCounter >>> 16).toString(16)}:${(addressCounter & 0xffff).toString(16)}::1`;
}

/** Run `work` over `items` with at most `concurrency` in flight; results keep the input order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Undo React's escaping of text and attributes, so a message can be searched for in a page. */
export function htmlText(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

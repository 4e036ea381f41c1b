import { describe, expect, it } from 'vitest';
import { kioskServiceWorker } from './service-worker-script';

/**
 * What the kiosk's service worker takes into its hands, and what it keeps: run in a stand-in for the worker's global
 * scope (its fetch, caches and events), as the browser would run it. The browser test (e2e/staff-kiosk-tablet.spec.ts)
 * proves the reload offline; this one goes through every kind of address a kiosk page could request.
 */

const ORIGIN = 'https://siang.example.go.th';

class FakeCache {
  entries = new Map<string, Response>();
  async match(key: string) {
    const hit = this.entries.get(new URL(key, ORIGIN).pathname);
    return hit?.clone();
  }
  async put(key: string, response: Response) {
    this.entries.set(new URL(key, ORIGIN).pathname, response);
  }
  async keys() {
    return [...this.entries.keys()].map((path) => new Request(ORIGIN + path));
  }
}

function worker(locale = 'th', buildId = 'build-2') {
  const listeners: Record<string, (event: unknown) => void> = {};
  const stores = new Map<string, FakeCache>();
  const network: string[] = [];
  let offline = false;
  const html = '<link rel="stylesheet" href="/_next/static/css/app.css"><script src="/_next/static/chunks/main-1.js" nonce="n"></script>';
  const caches = {
    open: async (name: string) => stores.get(name) ?? stores.set(name, new FakeCache()).get(name)!,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
  };
  const fetch = async (input: Request | string) => {
    const url = new URL(typeof input === 'string' ? input : input.url, ORIGIN);
    network.push(url.pathname);
    if (offline) throw new TypeError('Failed to fetch');
    const body = url.pathname.endsWith('.css')
      ? 'body{font-family:x;src:url(/_next/static/media/font.woff2)}'
      : url.pathname.startsWith('/_next/')
        ? 'x'
        : html;
    return new Response(body, { status: 200, headers: { 'content-type': 'text/html' } });
  };
  const self = {
    location: new URL(`${ORIGIN}/${locale}/kiosk/sw.js`),
    addEventListener: (type: string, listener: (event: unknown) => void) => (listeners[type] = listener),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  new Function('self', 'caches', 'fetch', kioskServiceWorker(locale, buildId))(self, caches, fetch);

  /** Dispatch a fetch: the promise given to respondWith, or null when the worker leaves the request to the network. */
  const request = (path: string, init: { method?: string; mode?: RequestMode } = {}) => {
    let answer: Promise<Response> | null = null;
    const req = { url: ORIGIN + path, method: init.method ?? 'GET', mode: init.mode ?? 'cors' } as Request;
    listeners.fetch!({ request: req, respondWith: (p: Promise<Response>) => (answer = p) });
    return answer as Promise<Response> | null;
  };
  const run = async (type: string, data?: unknown) => {
    const waits: Promise<unknown>[] = [];
    const replies: unknown[] = [];
    listeners[type]!({ data, source: { postMessage: (m: unknown) => replies.push(m) }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    return replies;
  };
  return { request, run, stores, network, goOffline: () => (offline = true) };
}

describe('the kiosk service worker', () => {
  it('takes only kiosk pages of its own language and static files; never the API, staff pages, the survey or a POST', () => {
    const sw = worker('th');
    expect(sw.request('/th/kiosk/civil-registration', { mode: 'navigate' })).not.toBeNull();
    expect(sw.request('/_next/static/chunks/main-1.js')).not.toBeNull();
    for (const [path, mode] of [
      ['/api/kiosk/sync', 'cors'],
      ['/api/kiosk/pair', 'cors'],
      ['/api/responses', 'cors'],
      ['/th/staff', 'navigate'],
      ['/th/staff/admin/service-points/civil-registration', 'navigate'],
      ['/th/s/civil-registration', 'navigate'],
      ['/th/s/civil-registration/more', 'navigate'],
      ['/th/track/KP-2570-000001', 'navigate'],
      ['/en/kiosk/civil-registration', 'navigate'],
      ['/th/kiosk/sw.js', 'cors'],
      ['/th', 'navigate'],
      ['/th/kiosk/civil-registration/app.webmanifest', 'cors'],
    ] as const) {
      expect(sw.request(path, { mode }), path).toBeNull();
    }
    expect(sw.request('/api/kiosk/sync', { method: 'POST' })).toBeNull();
    expect(sw.request('/_next/static/chunks/main-1.js', { method: 'POST' })).toBeNull();
  });

  it('keeps the page it is asked to keep with the files it names, and opens it from there with no network', async () => {
    const sw = worker('th', 'build-2');
    const replies = await sw.run('message', { type: 'keep', path: '/th/kiosk/civil-registration' });
    expect(replies).toEqual([{ type: 'kept', path: '/th/kiosk/civil-registration' }]);
    const cache = sw.stores.get('siang-kiosk-th-build-2')!;
    expect([...cache.entries.keys()].sort()).toEqual([
      '/_next/static/chunks/main-1.js',
      '/_next/static/css/app.css',
      '/_next/static/media/font.woff2',
      '/th/kiosk/civil-registration',
    ]);
    // A staff page is never kept, whatever the page asks.
    expect(await sw.run('message', { type: 'keep', path: '/th/staff' })).toEqual([]);

    sw.goOffline();
    const page = await sw.request('/th/kiosk/civil-registration', { mode: 'navigate' })!;
    expect(await page.text()).toContain('main-1.js');
    expect(await (await sw.request('/_next/static/chunks/main-1.js'))!.text()).toBe('x');
    // Offline, asked to keep it again: the copy it has still counts.
    expect(await sw.run('message', { type: 'keep', path: '/th/kiosk/civil-registration' })).toEqual([
      { type: 'kept', path: '/th/kiosk/civil-registration' },
    ]);
  });

  it('is a new cache for each deployment: it keeps the pages the last one kept, then drops only that one', async () => {
    const before = worker('th', 'build-1');
    await before.run('message', { type: 'keep', path: '/th/kiosk/civil-registration' });
    const after = worker('th', 'build-2');
    // The same browser: the caches are shared.
    for (const [name, cache] of before.stores) after.stores.set(name, cache);
    after.stores.set('siang-kiosk-en-build-1', new FakeCache()); // the English kiosk's worker, not this one's
    await after.run('install');
    expect([...after.stores.get('siang-kiosk-th-build-2')!.entries.keys()]).toContain('/th/kiosk/civil-registration');
    await after.run('activate');
    expect([...after.stores.keys()].sort()).toEqual(['siang-kiosk-en-build-1', 'siang-kiosk-th-build-2']);
  });
});

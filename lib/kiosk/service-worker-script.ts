/**
 * The kiosk's service worker, as the text /{locale}/kiosk/sw.js serves. Registered from that path, its scope is
 * /{locale}/kiosk/ and nothing wider: it never sees a staff page, the citizens' survey (/s/…) or their answers.
 *
 * What it keeps, in one cache named by the deployment's build id (a new deployment makes a new cache and drops the old
 * one once it has kept the same pages with the new files):
 *   - the kiosk page of each counter it was asked to keep (the tablet asks at every load): network first, so a new
 *     survey question or deployment arrives as soon as the network is there; the kept copy when there is none;
 *   - the page's files under /_next/static/ (content-hashed, so they never change): from the cache first;
 *   - /icon.svg.
 * What it never keeps: any other page, any API answer (/api/kiosk/sync carries presses; it is never even looked at),
 * anything but a GET, anything from another origin. A kiosk page holds no personal data: faces, labels, the counter.
 */
export function kioskServiceWorker(locale: string, buildId: string): string {
  const config = JSON.stringify({
    scope: `/${locale}/kiosk/`,
    cache: `siang-kiosk-${locale}-${buildId}`,
    prefix: `siang-kiosk-${locale}-`,
  });
  return `'use strict';
const CONFIG = ${config};
const PAGE = new RegExp('^' + CONFIG.scope + '[a-z0-9][a-z0-9-]{1,39}$');
const FILE = /^\\/_next\\/static\\/|^\\/icon\\.svg$/;
const PAGE_TIMEOUT_MS = 4000;

const isPage = (url) => url.origin === self.location.origin && PAGE.test(url.pathname);
const isFile = (url) => url.origin === self.location.origin && FILE.test(url.pathname);

/** The files a kept page needs: scripts, styles, fonts (the styles name the fonts). */
function filesNamedIn(text) {
  const found = new Set();
  for (const match of text.matchAll(/\\/_next\\/static\\/[^"'\\s()\\\\<>&?#]+/g)) found.add(match[0]);
  return found;
}

async function keepFile(cache, path) {
  const kept = await cache.match(path);
  if (kept) return kept;
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error('file ' + path + ' ' + response.status);
  await cache.put(path, response.clone());
  return response;
}

/** Fetch a kiosk page afresh and keep it with every file it names. Throws (and keeps nothing new) without a network. */
async function keepPage(cache, path) {
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok || response.redirected) throw new Error('page ' + path + ' ' + response.status);
  const html = await response.clone().text();
  const files = filesNamedIn(html);
  for (const file of [...files]) {
    const kept = await keepFile(cache, file);
    if (file.endsWith('.css')) for (const font of filesNamedIn(await kept.clone().text())) files.add(font);
  }
  for (const file of files) await keepFile(cache, file);
  await cache.put(path, response);
}

/** The kiosk pages an earlier version kept: a new version keeps them too before it takes over. */
async function pagesKeptBefore() {
  const pages = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(CONFIG.prefix) || name === CONFIG.cache) continue;
    for (const request of await (await caches.open(name)).keys()) {
      const url = new URL(request.url);
      if (isPage(url)) pages.add(url.pathname);
    }
  }
  return pages;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CONFIG.cache);
    // Without a network this fails, and the version before goes on serving the tablet until the next try.
    for (const page of await pagesKeptBefore()) await keepPage(cache, page);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(CONFIG.prefix) && name !== CONFIG.cache) await caches.delete(name);
    await self.clients.claim();
  })());
});

/** The page asks to be kept; the answer says whether a copy is kept now (fresh, or from before when offline). */
self.addEventListener('message', (event) => {
  const path = event.data && event.data.type === 'keep' ? String(event.data.path) : null;
  if (!path || !isPage(new URL(path, self.location.origin))) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CONFIG.cache);
    let kept = true;
    try {
      await keepPage(cache, path);
    } catch {
      kept = Boolean(await cache.match(path));
    }
    if (event.source) event.source.postMessage({ type: kept ? 'kept' : 'not-kept', path });
  })());
});

async function pageFromNetworkOrKept(request, path) {
  const cache = await caches.open(CONFIG.cache);
  const network = fetch(request);
  network.catch(() => undefined); // answered from the cache meanwhile: a late failure is nobody's concern
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), PAGE_TIMEOUT_MS));
  try {
    const response = await Promise.race([network, timeout]);
    if (response && response.ok && !response.redirected) {
      await cache.put(path, response.clone());
      return response;
    }
    const kept = await cache.match(path);
    if (kept) return kept;
    return response || (await network);
  } catch (error) {
    const kept = await cache.match(path);
    if (kept) return kept;
    throw error;
  }
}

async function fileFromKeptOrNetwork(request, path) {
  const cache = await caches.open(CONFIG.cache);
  const kept = await cache.match(path);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    if (isPage(url)) event.respondWith(pageFromNetworkOrKept(request, url.pathname));
    return;
  }
  if (isFile(url)) event.respondWith(fileFromKeptOrNetwork(request, url.pathname));
  // Anything else, the API above all, goes to the network untouched and is never kept.
});
`;
}

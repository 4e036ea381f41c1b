/**
 * npm run bench:page: weight and speed of the citizen's one-tap page /th/s/civil-registration, in Debian's Chromium.
 *
 *  1. Bytes a phone downloads before the first tap (JS, HTML, CSS, fonts), from CDP Network events, against a BARE
 *     server-rendered page of the same build as the floor (/th/track, and the 404 page for comparison).
 *  2. JavaScript for the whole survey: tap a face (with JavaScript) and let the "tell us more" page load.
 *  3. Lighthouse 12.8 mobile (simulated slow 4G, 4× CPU): performance and accessibility scores.
 *  4. Time from navigation to a tappable face on DevTools' "Slow 4G" profile with 4× CPU throttling.
 *
 * Needs a production build (`npx next build`). Starts `next start` on a free port from 3300 on a fresh demo data
 * folder (.data-bench-page), and stops it at the end. RUNS=n changes the number of runs (default 5), LH_RUNS=n the number
 * of Lighthouse runs per page (default 7).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, devices, type Browser, type CDPSession, type Page } from '@playwright/test';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ROOT,
  assertBuilt,
  freePort,
  freshDemoFolder,
  kb,
  machine,
  median,
  startApp,
  table,
  writeResults,
} from './lib';

const RUNS = Number(process.env.RUNS ?? 5);
/** Lighthouse's score moves with the machine's noise more than the byte counts do: more runs by default. */
const LH_RUNS = Number(process.env.LH_RUNS ?? 7);
const ONE_TAP = '/th/s/civil-registration';
/** The floor: same layout and page frame (header, language links, a GET form), no client component of its own. */
const BARE = '/th/track';
const NOT_FOUND = '/th/no-such-page';

const TARGETS = {
  ratio: 1.1,
  surveyJs: 180 * 1024,
  fonts: 45 * 1024,
  performance: 95,
  accessibility: 100,
};

interface Resource {
  url: string;
  type: string;
  status: number;
  encoding: string;
  /** Bytes on the wire for the body (CDP: loadingFinished minus the headers counted at responseReceived). */
  wireBody: number;
  /** Everything CDP counted on the wire for this request, headers included. */
  wireTotal: number;
  decoded: number;
}

/** Record every response of a page through CDP until `done()`. */
function recordNetwork(cdp: CDPSession) {
  const byId = new Map<string, Partial<Resource> & { headerBytes?: number }>();
  const finished: Resource[] = [];
  cdp.on('Network.responseReceived', (event) => {
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    byId.set(event.requestId, {
      url: event.response.url,
      type: event.type ?? 'Other',
      status: event.response.status,
      encoding: headers['content-encoding'] ?? 'identity',
      headerBytes: event.response.encodedDataLength,
      decoded: 0,
    });
  });
  cdp.on('Network.dataReceived', (event) => {
    const entry = byId.get(event.requestId);
    if (entry) entry.decoded = (entry.decoded ?? 0) + event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const entry = byId.get(event.requestId);
    if (!entry) return;
    finished.push({
      url: entry.url!,
      type: entry.type!,
      status: entry.status!,
      encoding: entry.encoding!,
      wireTotal: event.encodedDataLength,
      wireBody: event.encodedDataLength - (entry.headerBytes ?? 0),
      decoded: entry.decoded ?? 0,
    });
  });
  return finished;
}

async function newPhonePage(browser: Browser) {
  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page, cdp };
}

/** Wait until the network has been quiet for `quietMs` (nothing in flight). */
async function settle(page: Page, quietMs = 1000) {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(quietMs);
}

/** The body of a URL exactly as `next start` sends it to a client that accepts gzip (raw bytes, not decoded). */
const gzipCache = new Map<string, { bytes: number; encoding: string }>();
function servedGzipBytes(url: string): Promise<{ bytes: number; encoding: string }> {
  const cached = gzipCache.get(url);
  if (cached) return Promise.resolve(cached);
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => {
          const result = { bytes, encoding: String(response.headers['content-encoding'] ?? 'identity') };
          gzipCache.set(url, result);
          resolve(result);
        });
      })
      .on('error', reject);
  });
}

function sum(resources: Resource[], key: 'wireBody' | 'wireTotal' | 'decoded') {
  return resources.reduce((total, r) => total + r[key], 0);
}

const isScript = (r: Resource) => r.type === 'Script';
const shortName = (url: string) => new URL(url).pathname.replace('/_next/static/', '');

interface PageLoad {
  path: string;
  scripts: Resource[];
  html: Resource[];
  css: Resource[];
  fonts: Resource[];
  all: Resource[];
  noModuleInHtml: string[];
}

async function loadPage(browser: Browser, base: string, pathname: string): Promise<PageLoad> {
  const { context, page, cdp } = await newPhonePage(browser);
  const resources = recordNetwork(cdp);
  await page.goto(base + pathname, { waitUntil: 'load' });
  await settle(page);
  const noModuleInHtml = await page.evaluate(() =>
    [...document.querySelectorAll('script[nomodule]')].map((s) => (s as HTMLScriptElement).src),
  );
  await context.close();
  return {
    path: pathname,
    scripts: resources.filter(isScript),
    html: resources.filter((r) => r.type === 'Document'),
    css: resources.filter((r) => r.type === 'Stylesheet'),
    fonts: resources.filter((r) => r.type === 'Font'),
    all: resources,
    noModuleInHtml,
  };
}

/** Tap a face with JavaScript on, and let the "tell us more" page load: every script the survey needed. */
async function tapToFullForm(browser: Browser, base: string) {
  const { context, page, cdp } = await newPhonePage(browser);
  const resources = recordNetwork(cdp);
  await page.goto(base + ONE_TAP, { waitUntil: 'load' });
  await settle(page);
  const beforeTap = resources.filter(isScript).length;
  await page.locator('button.face-4').click();
  await page.waitForURL(/\/more\?/, { timeout: 30_000 });
  await page.locator('form textarea#suggestionText').waitFor();
  await settle(page);
  const scripts = resources.filter(isScript);
  await context.close();
  return { scripts, afterTap: scripts.slice(beforeTap) };
}

const SLOW_4G = {
  // DevTools' "Slow 4G" preset (the one Lighthouse's mobile throttling models): 150 ms RTT × 3.75, 1.6 Mbit/s ×0.9 down,
  // 750 kbit/s ×0.9 up.
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};

/**
 * In the page, before anything else runs: on every animation frame (frames are not produced while render-blocking
 * CSS is pending), look for the first face button; "tappable" = in the DOM, visible (checkVisibility with CSS
 * visibility and opacity), inside the viewport and not disabled. The time is the frame's, from navigation start.
 * Also notes when React has hydrated the button (a __reactFiber key appears): from then on a tap runs as a React action
 * instead of a plain form post (both store the rating).
 */
const TAPPABLE_PROBE = `(() => {
  const marks = { tappable: null, hydrated: null };
  window.__bench = marks;
  const tick = (now) => {
    const button = document.querySelector('button.face');
    if (button) {
      const rect = button.getBoundingClientRect();
      const visible = button.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
        && rect.width > 0 && rect.height > 0 && rect.top < innerHeight && rect.bottom > 0;
      if (marks.tappable === null && visible && !button.disabled) marks.tappable = now;
      if (marks.hydrated === null && Object.keys(button).some((k) => k.startsWith('__reactFiber'))) marks.hydrated = now;
    }
    if (marks.tappable === null || marks.hydrated === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function throttledTappable(browser: Browser, base: string) {
  const { context, page, cdp } = await newPhonePage(browser);
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(TAPPABLE_PROBE);
  await page.goto(base + ONE_TAP, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(
    () => {
      const marks = (window as unknown as { __bench: { tappable: number | null; hydrated: number | null } }).__bench;
      return marks.tappable !== null && marks.hydrated !== null;
    },
    undefined,
    { timeout: 120_000 },
  );
  const result = await page.evaluate(() => {
    const marks = (window as unknown as { __bench: { tappable: number; hydrated: number } }).__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { tappable: Math.max(marks.tappable, fcp), rafTappable: marks.tappable, hydrated: marks.hydrated, fcp, load: nav.loadEventEnd };
  });
  await context.close();
  return result;
}

const run = promisify(execFile);

async function lighthouseRun(url: string, outDir: string, i: number) {
  const output = path.join(outDir, `lighthouse-${i}.json`);
  await run(
    path.join(ROOT, 'node_modules', '.bin', 'lighthouse'),
    [
      url,
      '--only-categories=performance,accessibility',
      '--form-factor=mobile',
      '--throttling-method=simulate',
      '--output=json',
      `--output-path=${output}`,
      '--quiet',
      '--disable-full-page-screenshot',
      `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`,
    ],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
  );
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  fs.rmSync(output);
  if (report.runtimeError) throw new Error(`Lighthouse could not load ${url}: ${report.runtimeError.code}`);
  const audit = (id: string) => report.audits[id]?.numericValue as number;
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    si: audit('speed-index'),
    failedA11y: Object.values(report.categories.accessibility.auditRefs as { id: string; weight: number }[])
      .filter((ref) => ref.weight > 0 && report.audits[ref.id]?.score !== null && report.audits[ref.id]?.score < 1)
      .map((ref) => ref.id),
    observedFcp: report.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint as number,
    observedLcp: report.audits.metrics?.details?.items?.[0]?.observedLargestContentfulPaint as number,
    lighthouseVersion: report.lighthouseVersion as string,
    userAgent: report.environment?.hostUserAgent as string,
  };
}

async function main() {
  assertBuilt();
  const info = machine();
  console.log(
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB, Node ${info.node}, ${info.chromium}, Next ${info.next}, load ${info.load}`,
  );
  console.log('Preparing a demo data folder (.data-bench-page)…');
  const dataDir = freshDemoFolder('page');
  const port = await freePort(3300);
  const server = await startApp(port, { SIANG_DATA_DIR: dataDir });
  const base = server.url;
  console.log(`next start on ${base} (ready in ${Math.round(server.readyMs)} ms); ${RUNS} runs per figure`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Warm the server (first render of each route compiles nothing, but fills caches): not measured.
    for (const p of [ONE_TAP, BARE, NOT_FOUND]) await (await fetch(base + p)).arrayBuffer();

    // 1. Bytes before the first tap.
    const loads: Record<string, PageLoad[]> = { [ONE_TAP]: [], [BARE]: [], [NOT_FOUND]: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const p of [ONE_TAP, BARE, NOT_FOUND]) loads[p]!.push(await loadPage(browser, base, p));
    }
    const weight = async (p: string) => {
      const runs = loads[p]!;
      const last = runs[runs.length - 1]!;
      const gz = await Promise.all(last.scripts.map(async (s) => ({ ...s, ...(await servedGzipBytes(s.url)) })));
      return {
        path: p,
        scripts: gz.map((s) => ({ file: shortName(s.url), encoding: s.encoding, gzip: s.bytes, wireBody: s.wireBody, decoded: s.decoded })),
        jsGzip: gz.reduce((t, s) => t + s.bytes, 0),
        jsWire: median(runs.map((r) => sum(r.scripts, 'wireBody'))),
        jsWireWithHeaders: median(runs.map((r) => sum(r.scripts, 'wireTotal'))),
        jsDecoded: median(runs.map((r) => sum(r.scripts, 'decoded'))),
        html: median(runs.map((r) => sum(r.html, 'wireBody'))),
        htmlDecoded: median(runs.map((r) => sum(r.html, 'decoded'))),
        css: median(runs.map((r) => sum(r.css, 'wireBody'))),
        fonts: median(runs.map((r) => sum(r.fonts, 'wireBody'))),
        fontFiles: last.fonts.map((f) => `${shortName(f.url)} (${kb(f.wireBody)})`),
        total: median(runs.map((r) => sum(r.all, 'wireTotal'))),
        noModuleInHtml: last.noModuleInHtml.map(shortName),
        noModuleLoaded: last.noModuleInHtml.filter((src) => runs.some((r) => r.all.some((res) => res.url === src))).map(shortName),
        encodings: [...new Set(last.all.filter((r) => !r.url.endsWith('.woff2')).map((r) => r.encoding))],
      };
    };
    const oneTap = await weight(ONE_TAP);
    const bare = await weight(BARE);
    const notFound = await weight(NOT_FOUND);
    const ratio = oneTap.jsGzip / bare.jsGzip;
    const ratioWire = oneTap.jsWire / bare.jsWire;
    console.log(`\nBefore the first tap (${RUNS} loads each, Pixel 7 emulation, cache disabled):`);
    console.log(
      table(
        ['page', 'JS gzip (served)', 'JS on the wire (CDP body)', 'JS decoded', 'HTML', 'CSS', 'fonts', 'all, with headers'],
        [oneTap, bare, notFound].map((w) => [
          w.path,
          kb(w.jsGzip),
          kb(w.jsWire),
          kb(w.jsDecoded),
          kb(w.html),
          kb(w.css),
          kb(w.fonts),
          kb(w.total),
        ]),
      ),
    );
    console.log(
      `one-tap ÷ bare (${BARE}) JS: ${ratio.toFixed(3)} (wire ${ratioWire.toFixed(3)}); ÷ 404: ${(oneTap.jsGzip / notFound.jsGzip).toFixed(3)}`,
    );
    console.log(`scripts of the one-tap page: ${oneTap.scripts.map((s) => `${s.file} ${kb(s.gzip)}`).join(', ')}`);
    console.log(
      `noModule scripts in the HTML: ${oneTap.noModuleInHtml.join(', ') || 'none'}; loaded by Chromium: ${oneTap.noModuleLoaded.join(', ') || 'none'}`,
    );
    console.log(`fonts loaded: ${oneTap.fontFiles.join(', ')}; content-encodings seen: ${oneTap.encodings.join(', ')}`);

    // 2. The whole survey: tap a face, the full form loads.
    const surveys = [];
    for (let i = 0; i < RUNS; i++) surveys.push(await tapToFullForm(browser, base));
    const lastSurvey = surveys[surveys.length - 1]!;
    const surveyScripts = await Promise.all(
      [...new Set(lastSurvey.scripts.map((s) => s.url))].map(async (url) => ({
        file: shortName(url),
        gzip: (await servedGzipBytes(url)).bytes,
      })),
    );
    const afterTap = await Promise.all(
      [...new Set(lastSurvey.afterTap.map((s) => s.url))].map(async (url) => ({
        file: shortName(url),
        gzip: (await servedGzipBytes(url)).bytes,
      })),
    );
    const surveyJs = surveyScripts.reduce((t, s) => t + s.gzip, 0);
    const surveyWire = median(surveys.map((s) => sum(s.scripts, 'wireBody')));
    console.log(
      `\nWhole survey (tap → full form): JS gzip ${kb(surveyJs)} (wire ${kb(surveyWire)}), of which after the tap ${kb(afterTap.reduce((t, s) => t + s.gzip, 0))}:`,
    );
    console.log(afterTap.map((s) => `${s.file} ${kb(s.gzip)}`).join(', '));

    // 3. Lighthouse, on the one-tap page and on the bare floor, runs interleaved so that the machine's noise hits both.
    const lhDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-lh-'));
    const lh: Awaited<ReturnType<typeof lighthouseRun>>[] = [];
    const lhBare: Awaited<ReturnType<typeof lighthouseRun>>[] = [];
    for (let i = 0; i < LH_RUNS; i++) {
      lh.push(await lighthouseRun(base + ONE_TAP, lhDir, i));
      lhBare.push(await lighthouseRun(base + BARE, lhDir, i));
    }
    fs.rmSync(lhDir, { recursive: true, force: true });
    const lhSummary = (runs: typeof lh) => ({
      performance: median(runs.map((r) => r.performance)),
      accessibility: median(runs.map((r) => r.accessibility)),
      fcp: median(runs.map((r) => r.fcp)),
      lcp: median(runs.map((r) => r.lcp)),
      tbt: median(runs.map((r) => r.tbt)),
      cls: median(runs.map((r) => r.cls)),
      si: median(runs.map((r) => r.si)),
      observedFcp: median(runs.map((r) => r.observedFcp)),
      observedLcp: median(runs.map((r) => r.observedLcp)),
    });
    const lhMedian = lhSummary(lh);
    const lhBareMedian = lhSummary(lhBare);
    for (const [name, runs, m] of [
      [ONE_TAP, lh, lhMedian],
      [BARE, lhBare, lhBareMedian],
    ] as const) {
      console.log(
        `\nLighthouse ${runs[0]!.lighthouseVersion} mobile ${name}, ${LH_RUNS} runs: performance ${runs.map((r) => r.performance).join('/')} ` +
          `(median ${m.performance}), accessibility ${runs.map((r) => r.accessibility).join('/')}; FCP ${Math.round(m.fcp)} ms, ` +
          `LCP ${Math.round(m.lcp)} ms, TBT ${Math.round(m.tbt)} ms, CLS ${m.cls.toFixed(3)}, SI ${Math.round(m.si)} ms ` +
          `(observed unthrottled FCP ${Math.round(m.observedFcp)} ms, LCP ${Math.round(m.observedLcp)} ms)`,
      );
      const failed = [...new Set(runs.flatMap((r) => r.failedA11y))];
      if (failed.length) console.log(`accessibility audits not passed: ${failed.join(', ')}`);
    }

    // 4. Tappable on slow 4G with 4× CPU.
    const taps = [];
    const tapRuns = Math.max(RUNS, 5);
    for (let i = 0; i < tapRuns; i++) taps.push(await throttledTappable(browser, base));
    const tapMedian = {
      tappable: median(taps.map((t) => t.tappable)),
      fcp: median(taps.map((t) => t.fcp)),
      hydrated: median(taps.map((t) => t.hydrated)),
      load: median(taps.map((t) => t.load)),
    };
    console.log(
      `\nSlow 4G + 4× CPU, ${tapRuns} runs: tappable ${taps.map((t) => Math.round(t.tappable)).join('/')} ms (median ${Math.round(tapMedian.tappable)}), FCP ${Math.round(tapMedian.fcp)} ms, hydrated ${Math.round(tapMedian.hydrated)} ms, load ${Math.round(tapMedian.load)} ms`,
    );

    const summary = [
      ['one-tap JS ÷ bare JS (gzip)', `≤ ${TARGETS.ratio.toFixed(2)}`, ratio.toFixed(3), ratio <= TARGETS.ratio ? 'pass' : 'MISS'],
      ['one-tap JS before the first tap (gzip)', '—', kb(oneTap.jsGzip), ''],
      [
        'whole-survey JS (tap → full form, gzip)',
        `≤ ${kb(TARGETS.surveyJs)}`,
        kb(surveyJs),
        surveyJs <= TARGETS.surveyJs ? 'pass' : 'MISS',
      ],
      ['one-tap HTML (gzip)', '—', kb(oneTap.html), ''],
      ['one-tap CSS (gzip)', '—', kb(oneTap.css), ''],
      ['one-tap fonts', `≤ ${kb(TARGETS.fonts)}`, kb(oneTap.fonts), oneTap.fonts <= TARGETS.fonts ? 'pass' : 'MISS'],
      [
        'Lighthouse performance (mobile)',
        `≥ ${TARGETS.performance}`,
        lhMedian.performance,
        lhMedian.performance >= TARGETS.performance ? 'pass' : 'MISS',
      ],
      [`Lighthouse performance of the bare page ${BARE}`, '—', lhBareMedian.performance, ''],
      [
        'Lighthouse accessibility',
        `= ${TARGETS.accessibility}`,
        lhMedian.accessibility,
        lhMedian.accessibility >= TARGETS.accessibility ? 'pass' : 'MISS',
      ],
      ['tappable face, slow 4G + 4× CPU', '—', `${Math.round(tapMedian.tappable)} ms`, ''],
    ];
    console.log(`\nLoad average at the start ${info.load}, at the end ${machine().load}`);
    console.log(`\nSummary (medians of ${RUNS} runs, Lighthouse ${LH_RUNS}):\n${table(['figure', 'target', 'result', ''], summary)}`);
    const file = writeResults('page-weight', {
      machine: info,
      runs: RUNS,
      lighthouseRuns: LH_RUNS,
      loadAverageAtEnd: machine().load,
      oneTap,
      bare,
      notFound,
      ratio,
      ratioWire,
      survey: { jsGzip: surveyJs, jsWire: surveyWire, scripts: surveyScripts, afterTap },
      lighthouse: { median: lhMedian, runs: lh, bare: { median: lhBareMedian, runs: lhBare } },
      tappable: { profile: SLOW_4G, cpuThrottling: 4, median: tapMedian, runs: taps },
      summary,
    });
    console.log(`\nwritten to ${path.relative(ROOT, file)}`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * npm run bench:start: the embedded database (PGlite) at start-up and under load, with the built app.
 *
 *  1. Start with an existing data folder (demo data): from spawning the server to the first 200 on /api/health, for
 *     `next start` (node_modules/next/dist/bin/next) and for `npm start` (what the README tells people to run: adds
 *     npm's own start-up), runs interleaved.
 *  2. First-ever start: an empty data folder each time, so the time includes creating the database (initdb in WASM),
 *     the migrations and the base data.
 *  3. Resident memory (RSS of the server's whole process tree, from /proc) after start, at the peak and at the end
 *     of a one-minute mixed load: one-tap and full submissions to /api/responses, survey page views, tracking look-ups.
 *
 * Environment: RUNS (5), LOAD_SECONDS (60), CONNECTIONS (10).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  ROOT,
  SEED_ITEMS,
  appEnv,
  assertAlive,
  assertBuilt,
  portIsFree,
  freePort,
  freshDemoFolder,
  machine,
  median,
  sleep,
  spawnTracked,
  stopProcess,
  table,
  treeRss,
  waitForHealth,
  writeResults,
} from './lib';

const RUNS = Number(process.env.RUNS ?? 5);
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

type Launcher = 'next start' | 'npm start';

async function timedStart(launcher: Launcher, dataDir: string, port: number) {
  const env = appEnv({ SIANG_DATA_DIR: dataDir, PORT: String(port), BENCH_PROCESS_TITLE: `siang-bench-start-${port}` });
  while (!(await portIsFree(port))) await sleep(25); // the previous run's server must be gone first
  const t0 = performance.now();
  const child =
    launcher === 'next start'
      ? spawnTracked(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], env)
      : spawnTracked('npm', ['start', '--', '-p', String(port), '-H', '127.0.0.1'], env);
  const ms = await waitForHealth(`http://127.0.0.1:${port}`, child, t0, 300_000);
  return { ms, child, url: `http://127.0.0.1:${port}` };
}

let addressCounter = 0;
const nextAddress = () => {
  const n = addressCounter++ % (2 * 65536);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
};
const oneTap = () => ({
  clientKey: randomUUID(),
  servicePoint: 'civil-registration',
  locale: 'th',
  overallRating: 1 + Math.floor(Math.random() * 5),
});
const full = () => ({
  ...oneTap(),
  answers: Object.fromEntries(SEED_ITEMS.map((code) => [code, 1 + Math.floor(Math.random() * 5)])),
  suggestion: { text: 'ที่นั่งรอไม่พอ ผู้สูงอายุต้องยืนรอ', category: 'facilities' },
  respondent: { gender: 'male', age_band: '60_plus' },
  contact: { consent: true, phone: '081 234 5678' },
});

async function mixedLoad(url: string, references: string[], pid: number) {
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(treeRss(pid).bytes), 500);
  let lookups = 0;
  const post = (make: () => object) => ({
    method: 'POST' as const,
    path: '/api/responses',
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      headers: { ...request.headers, 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
      body: JSON.stringify(make()),
    }),
  });
  const get = (makePath: () => string) => ({
    method: 'GET' as const,
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      path: makePath(),
      headers: { ...request.headers, 'x-forwarded-for': nextAddress() },
    }),
  });
  // Each connection cycles through this list: 2 page views, 2 one-tap, 1 full, 1 tracking look-up.
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: LOAD_SECONDS,
    timeout: 30,
    requests: [
      get(() => '/th/s/civil-registration'),
      post(oneTap),
      get(() => '/th/s/civil-registration'),
      post(oneTap),
      post(full),
      get(() => `/th/track/${references[lookups++ % references.length]}`),
    ],
  });
  clearInterval(sampler);
  return { result, peak: Math.max(...samples), samples: samples.length };
}

async function main() {
  assertBuilt();
  const info = machine();
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB, Node ${info.node}, Next ${info.next}, load ${info.load}`);
  console.log('Preparing .data-bench-start (demo data)…');
  const demoDir = freshDemoFolder('start');
  const emptyDir = path.join(ROOT, '.data-bench-start-empty');
  const port = await freePort(3330);

  try {
    // 1 and 2, interleaved: existing folder with next start, with npm start, then an empty folder.
    const warm: Record<Launcher, number[]> = { 'next start': [], 'npm start': [] };
    const cold: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const launcher of ['next start', 'npm start'] as const) {
        const s = await timedStart(launcher, demoDir, port);
        warm[launcher].push(s.ms);
        await stopProcess(s.child);
      }
      fs.rmSync(emptyDir, { recursive: true, force: true });
      const s = await timedStart('next start', emptyDir, port);
      cold.push(s.ms);
      await stopProcess(s.child);
      console.log(
        `  run ${i + 1}: existing folder next start ${Math.round(warm['next start'][i]!)} ms, npm start ${Math.round(warm['npm start'][i]!)} ms; empty folder ${Math.round(s.ms)} ms`,
      );
    }
    fs.rmSync(emptyDir, { recursive: true, force: true });

    // 3. Memory under a mixed load.
    const s = await timedStart('next start', demoDir, port);
    const pid = s.child.pid!;
    await sleep(2000);
    const idle = treeRss(pid);
    const references: string[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${s.url}/api/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
        body: JSON.stringify(full()),
      });
      const body = (await response.json()) as { reference?: string; receiptCode?: string };
      if (response.status !== 201 || !body.receiptCode) throw new Error(`submission refused: ${response.status} ${JSON.stringify(body)}`);
      references.push(body.receiptCode); // the status page needs the check code too (issue 17)
    }
    console.log(`  mixed load for ${LOAD_SECONDS} s, ${CONNECTIONS} connections…`);
    const load = await mixedLoad(s.url, references, pid);
    assertAlive(s.child, 'the server under load');
    const afterLoad = treeRss(pid);
    await sleep(10_000);
    const settled = treeRss(pid);
    await stopProcess(s.child);
    const r = load.result;
    const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, v.count ?? 0]));

    const summary = [
      [
        'start, existing folder, `next start` → first 200 /api/health',
        '—',
        `${Math.round(median(warm['next start']))} ms (best ${Math.round(Math.min(...warm['next start']))})`,
      ],
      [
        'start, existing folder, `npm start` → first 200 /api/health',
        '—',
        `${Math.round(median(warm['npm start']))} ms (best ${Math.round(Math.min(...warm['npm start']))})`,
      ],
      [
        'first-ever start, empty folder (creates the database), `next start`',
        '—',
        `${Math.round(median(cold))} ms (best ${Math.round(Math.min(...cold))})`,
      ],
      ['RSS after start, idle (process tree)', '—', mib(idle.bytes)],
      [`RSS peak during ${LOAD_SECONDS} s mixed load`, '—', mib(load.peak)],
      [`RSS at the end of the load`, '—', mib(afterLoad.bytes)],
      ['RSS 10 s after the load', '—', mib(settled.bytes)],
      [
        'mixed load served',
        '—',
        `${(r.requests.total / r.duration).toFixed(1)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, statuses ${JSON.stringify(statuses)}, errors ${r.errors}`,
      ],
    ];
    const loadAtEnd = machine().load;
    console.log(
      `\nMedians of ${RUNS} runs (load average at the start ${info.load}, at the end ${loadAtEnd}):\n${table(['figure', 'target', 'result'], summary)}`,
    );
    console.log(`process tree: ${afterLoad.pids.length} process(es) (${afterLoad.pids.join(', ')})`);
    const file = writeResults('embedded-start', {
      machine: info,
      runs: RUNS,
      warm,
      cold,
      rss: { idle: idle.bytes, peak: load.peak, afterLoad: afterLoad.bytes, settled: settled.bytes, processes: afterLoad.pids.length },
      load: {
        seconds: LOAD_SECONDS,
        connections: CONNECTIONS,
        rps: r.requests.total / r.duration,
        total: r.requests.total,
        p50: r.latency.p50,
        p99: r.latency.p99,
        statuses,
        errors: r.errors,
      },
      summary,
      loadAverageAtEnd: loadAtEnd,
    });
    console.log(`\nwritten to ${path.relative(ROOT, file)}`);
  } finally {
    fs.rmSync(demoDir, { recursive: true, force: true });
    fs.rmSync(emptyDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

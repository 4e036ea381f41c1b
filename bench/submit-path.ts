/**
 * npm run bench:submit: throughput and latency of the submit path, POST /api/responses on `next start`, with
 * autocannon, on the embedded database (PGlite) and on the local PostgreSQL server (127.0.0.1:5432, a database
 * created for the run and dropped after it).
 *
 * Cases, measured in interleaved rounds so that the machine's noise hits each alike (ROUNDS, default 3; the figures
 * are medians over the rounds). In each round the bare route is measured just before and just after the app's full
 * and one-tap cases, and the round's floor is the mean of the two (the ratios are per round, then the median):
 *   bare route   the floor of the target (issue #7): POST /api/bench/floor, a route handler of the same build on the
 *                same driver that inserts the body as one row with no checks (built only into the benchmarks' own build, .next-bench)
 *   bare insert  a lower floor still: bench/bare-server.ts, a plain Node HTTP server inserting the body as one row
 *                with the same driver (lib/db's transport), no checks, no transaction, no Next.js
 *   bare rpc     the same server calling submit_response as the app does (transaction, set local role, claims), no
 *                Next.js and no zod: tells the SQL's share from the framework's
 *   one-tap      the app, { clientKey, servicePoint, locale, overallRating }
 *   full         the app, every item answered, a suggestion, the respondent questions and contact details
 * Every request carries a fresh clientKey (autocannon setupRequest) and its own X-Forwarded-For address (from the
 * 198.18.0.0/15 benchmarking range; a header value only, nothing is sent there), so that a per-address rate limit
 * would not turn the run into 429s. Then, on PostgreSQL, p99 latency of full and one-tap submissions at a steady
 * 50 requests/s (an open-loop generator here, see openLoop: one request every 20 ms, latency from its scheduled time),
 * with the two floor cases at the same rate in the same rounds, so that a tail coming from the machine is seen as such;
 * and the same steady 50/s of full and one-tap submissions on the embedded app (issue #16 sets p99 < 100 ms on both).
 *
 * Under saturation it also reports the CPU each request cost, per thread of the app's process and for the PostgreSQL
 * server's processes (from /proc): the throughputs' ratio explained as where the work goes.
 *
 * Environment: ROUNDS (3), SECONDS per case (10), CONNECTIONS (10), RATE_SECONDS (20), PG_URL (postgres://postgres@127.0.0.1:5432).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDatabase } from '../scripts/drills/lib/app';
import {
  BENCH_SECRETS,
  ROOT,
  SEED_ITEMS,
  appEnv,
  assertAlive,
  assertBuilt,
  freePort,
  freshDemoFolder,
  machine,
  median,
  seedDemo,
  sleep,
  spawnTracked,
  startApp,
  stopProcess,
  table,
  threadCpu,
  commandCpu,
  cpuBetween,
  writeResults,
  type RunningServer,
} from './lib';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 20);
const PG_URL = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const TARGETS = { p99At50: 100 };

let addressCounter = 0;
/** A distinct client address per request, in the benchmarking range 198.18.0.0/15 (header only). */
function nextAddress() {
  const n = addressCounter++ % (2 * 65536);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * The counters the submissions go to (POINTS, comma-separated; default the seven demo counters). A municipality's
 * traffic spreads over its counters; POINTS=civil-registration puts every submission on one counter, the worst case
 * for the rollup rows of one counter and day, which every submission there updates (see BENCHMARKS.md).
 */
const POINTS = (
  process.env.POINTS ??
  'civil-registration,land-building-tax,building-permit,welfare-allowance,waste-fees,child-development-centre,complaints-centre'
).split(',');

function oneTapBody() {
  const servicePoint = POINTS[Math.floor(Math.random() * POINTS.length)]!;
  return { clientKey: randomUUID(), servicePoint, locale: 'th', overallRating: 1 + Math.floor(Math.random() * 5) };
}

function fullBody() {
  return {
    ...oneTapBody(),
    answers: Object.fromEntries(SEED_ITEMS.map((code) => [code, 1 + Math.floor(Math.random() * 5)])),
    suggestion: { text: 'อยากให้มีบัตรคิวและที่นั่งรอเพิ่ม ผู้สูงอายุต้องยืนรอนาน', category: 'facilities' },
    respondent: { gender: 'female', age_band: '40_49', education: 'bachelor', occupation: 'business' },
    contact: { consent: true, name: 'สมศรี ใจดี', phone: '081 234 5678', email: 'somsri@example.com' },
  };
}

type Kind = 'one-tap' | 'full' | 'refused';
/** 'refused': a body the shared schema refuses (400) before any database call: Next.js + the route + zod, no SQL. */
const bodyFor = (kind: Kind) => (kind === 'full' ? fullBody() : kind === 'refused' ? { ...oneTapBody(), overallRating: 9 } : oneTapBody());

interface Measured {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  total: number;
  non2xx: number;
  status429: number;
  errors: number;
  statuses: Record<string, number>;
}

/**
 * CPU per request (ms) while a case ran against the app: the Next.js thread (the process's main thread), the
 * busiest other thread of the app's process (the embedded database's, on PGlite), the rest of its threads (GC,
 * libuv), the PostgreSQL server's processes, and this process (the load generator). From /proc, so that a ratio of
 * throughputs can be read as what each request costs, and where.
 */
interface CpuShare {
  nextThread: number;
  busiestOther: number;
  otherThreads: number;
  postgres: number;
  generator: number;
}

function cpuSample(pid: number) {
  return { threads: threadCpu(pid), postgres: commandCpu('postgres'), self: process.cpuUsage() };
}

function cpuShare(pid: number, before: ReturnType<typeof cpuSample>, requests: number): CpuShare {
  const after = cpuSample(pid);
  const used = cpuBetween(before.threads, after.threads);
  const others = [...used]
    .filter(([tid]) => tid !== pid)
    .map(([, ms]) => ms)
    .sort((a, b) => b - a);
  const generator = process.cpuUsage(before.self);
  const per = (ms: number) => ms / Math.max(requests, 1);
  return {
    nextThread: per(used.get(pid) ?? 0),
    busiestOther: per(others[0] ?? 0),
    otherThreads: per(others.slice(1).reduce((t, ms) => t + ms, 0)),
    postgres: per([...cpuBetween(before.postgres, after.postgres).values()].reduce((t, ms) => t + ms, 0)),
    generator: per((generator.user + generator.system) / 1000),
  };
}

/** Each figure's median over the measurements (the floor is measured twice a round, so it has twice as many). */
function medianShare(shares: CpuShare[]): CpuShare {
  const of = (k: keyof CpuShare) => median(shares.map((share) => share[k]));
  return {
    nextThread: of('nextThread'),
    busiestOther: of('busiestOther'),
    otherThreads: of('otherThreads'),
    postgres: of('postgres'),
    generator: of('generator'),
  };
}

async function cannon(url: string, kind: Kind, options: { seconds: number }): Promise<Measured> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: options.seconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
          body: JSON.stringify(bodyFor(kind)),
        }),
      },
    ],
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    status429: statuses['429'] ?? 0,
    errors: result.errors,
    statuses,
  };
}

/**
 * A steady open-loop load: one request every 1000/rate ms, each sent at its scheduled time whether or not earlier ones
 * have answered, latency counted from the scheduled time (so a stalled server cannot hide its queue: no coordinated
 * omission). autocannon's overallRate is not used for this: it lets each connection send its whole per-second quota
 * back to back at the start of every second (lib/httpClient.js), which measures a 50-request burst, not 50/s.
 */
async function openLoop(url: string, kind: Kind, rate: number, seconds: number): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const t0 = performance.now() + 50;
  await new Promise<void>((resolve) => {
    let settled = 0;
    const done = () => ++settled === total && resolve();
    for (let i = 0; i < total; i++) {
      const at = t0 + (i * 1000) / rate;
      setTimeout(
        () => {
          const body = JSON.stringify(bodyFor(kind));
          const request = http.request(
            url,
            {
              method: 'POST',
              agent,
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-forwarded-for': nextAddress() },
            },
            (response) => {
              response.resume();
              response.on('end', () => {
                latencies.push(performance.now() - at);
                statuses[String(response.statusCode)] = (statuses[String(response.statusCode)] ?? 0) + 1;
                done();
              });
            },
          );
          request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
          request.on('error', () => {
            errors++;
            done();
          });
          request.end(body);
        },
        Math.max(0, at - performance.now()),
      );
    }
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN);
  const ok = Object.entries(statuses)
    .filter(([code]) => code.startsWith('2'))
    .reduce((t, [, n]) => t + n, 0);
  return {
    rps: latencies.length / seconds,
    p50: q(0.5),
    p90: q(0.9),
    p99: q(0.99),
    total: latencies.length,
    non2xx: latencies.length - ok,
    status429: statuses['429'] ?? 0,
    errors,
    statuses,
  };
}

/** One request of each kind first: proves the bodies are accepted (201) before any timing. */
async function check(url: string, kind: Kind) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
    body: JSON.stringify(bodyFor(kind)),
  });
  const text = await response.text();
  const expected = kind === 'refused' ? 400 : 201;
  if (response.status !== expected) throw new Error(`${kind} to ${url}: ${response.status} ${text}`);
}

async function startBare(port: number, env: Record<string, string>) {
  const child = spawnTracked(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['bench/bare-server.ts', String(port)],
    appEnv({ BENCH_PROCESS_TITLE: `siang-bench-bare-${port}`, ...env }),
  );
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bare server exited: ${(child as unknown as { stderrTail: () => string }).stderrTail()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/none`, { method: 'POST', body: '{}' });
      await response.arrayBuffer();
      if (response.status === 404) break;
    } catch {
      /* not yet */
    }
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, child, stop: () => stopProcess(child) };
}

const CASES = ['bare route', 'bare insert', 'bare rpc (full)', 'app, refused (no SQL)', 'one-tap', 'full'] as const;
type CaseName = (typeof CASES)[number];
/** The cases served by the app's process (the other two by bench/bare-server.ts): their CPU is measured per thread. */
const APP_CASES = ['bare route', 'app, refused (no SQL)', 'one-tap', 'full'] as const;
type AppCase = (typeof APP_CASES)[number];
const isAppCase = (c: CaseName): c is AppCase => (APP_CASES as readonly string[]).includes(c);

/** The mean of two measurements of one case (the floor before and after the app's cases in a round). */
function meanOf(a: Measured, b: Measured): Measured {
  const statuses: Record<string, number> = { ...a.statuses };
  for (const [code, n] of Object.entries(b.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    rps: (a.rps + b.rps) / 2,
    p50: (a.p50 + b.p50) / 2,
    p90: (a.p90 + b.p90) / 2,
    p99: (a.p99 + b.p99) / 2,
    total: a.total + b.total,
    non2xx: a.non2xx + b.non2xx,
    status429: a.status429 + b.status429,
    errors: a.errors + b.errors,
    statuses,
  };
}

async function measureDatabase(label: string, app: RunningServer, bare: { url: string; child: ChildProcess }) {
  const bareUrl = bare.url;
  const alive = () => {
    assertAlive(app.child, `the app (${label})`);
    assertAlive(bare.child, `the bare server (${label})`);
  };
  const target = (c: CaseName) =>
    c === 'bare route'
      ? `${app.url}/api/bench/floor`
      : c === 'bare insert'
        ? `${bareUrl}/insert`
        : c === 'bare rpc (full)'
          ? `${bareUrl}/rpc`
          : `${app.url}/api/responses`;
  const kindOf = (c: CaseName): Kind => (c === 'one-tap' ? 'one-tap' : c === 'app, refused (no SQL)' ? 'refused' : 'full');
  for (const c of CASES) await check(target(c), kindOf(c));
  // Warm-up: JIT, connection pools, caches. Not measured.
  for (const c of CASES) await cannon(target(c), kindOf(c), { seconds: 3 });
  alive();

  // Each round measures the floor just before and just after the app's two cases and takes the mean of the two as
  // that round's floor, so that a machine that speeds up or slows down during the round (shared cores, other
  // tenants' load) moves the floor and the app alike; the diagnostics follow.
  const ORDER: (CaseName | 'bare route, after')[] = [
    'bare route',
    'full',
    'one-tap',
    'bare route, after',
    'bare insert',
    'bare rpc (full)',
    'app, refused (no SQL)',
  ];
  const rounds = Object.fromEntries(CASES.map((c) => [c, [] as Measured[]])) as Record<CaseName, Measured[]>;
  const cpu = Object.fromEntries(APP_CASES.map((c) => [c, [] as CpuShare[]])) as Record<AppCase, CpuShare[]>;
  for (let round = 0; round < ROUNDS; round++) {
    let opening: Measured | undefined;
    for (const step of ORDER) {
      const c: CaseName = step === 'bare route, after' ? 'bare route' : step;
      const before = cpuSample(app.pid);
      const m = await cannon(target(c), kindOf(c), { seconds: SECONDS });
      if (isAppCase(c)) cpu[c].push(cpuShare(app.pid, before, m.total));
      alive();
      const unexpected = c === 'app, refused (no SQL)' ? m.total - (m.statuses['400'] ?? 0) : m.non2xx;
      console.log(
        `  ${label} round ${round + 1} ${step}: ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, unexpected statuses ${unexpected}, errors ${m.errors}`,
      );
      if (step === 'bare route') opening = m;
      else if (step === 'bare route, after') rounds[c].push(meanOf(opening!, m));
      else rounds[c].push(m);
    }
  }
  const summary = Object.fromEntries(
    CASES.map((c) => [
      c,
      {
        rps: median(rounds[c].map((m) => m.rps)),
        p50: median(rounds[c].map((m) => m.p50)),
        p99: median(rounds[c].map((m) => m.p99)),
        non2xx: rounds[c].reduce((t, m) => t + m.non2xx, 0),
        status429: rounds[c].reduce((t, m) => t + m.status429, 0),
        errors: rounds[c].reduce((t, m) => t + m.errors, 0),
      },
    ]),
  ) as Record<CaseName, { rps: number; p50: number; p99: number; non2xx: number; status429: number; errors: number }>;
  const perRound = (c: CaseName) => rounds[c].map((m, i) => m.rps / rounds['bare route'][i]!.rps);
  const cpuSummary = Object.fromEntries(APP_CASES.map((c) => [c, medianShare(cpu[c])])) as Record<AppCase, CpuShare>;
  return {
    rounds,
    summary,
    cpu: { rounds: cpu, summary: cpuSummary },
    fullOverBare: median(perRound('full')),
    fullOverBareRounds: perRound('full'),
    oneTapOverBare: median(perRound('one-tap')),
    bareRouteOverBareInsert: median(rounds['bare route'].map((m, i) => m.rps / rounds['bare insert'][i]!.rps)),
    fullOverBareInsert: median(rounds.full.map((m, i) => m.rps / rounds['bare insert'][i]!.rps)),
    fullOverBareRpc: median(rounds.full.map((m, i) => m.rps / rounds['bare rpc (full)'][i]!.rps)),
    bareRpcOverBare: median(rounds['bare rpc (full)'].map((m, i) => m.rps / rounds['bare insert'][i]!.rps)),
    refusedOverBare: median(rounds['app, refused (no SQL)'].map((m, i) => m.rps / rounds['bare insert'][i]!.rps)),
  };
}

async function main() {
  assertBuilt('.next-bench');
  const info = machine();
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, ${info.ramGiB} GiB, Node ${info.node}, Next ${info.next}, load ${info.load}`);
  console.log(`${ROUNDS} rounds × ${SECONDS} s per case, ${CONNECTIONS} connections; steady 50/s for ${RATE_SECONDS} s × ${ROUNDS}`);
  const results: Record<string, unknown> = { machine: info, rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS };

  // Embedded: the app on a demo folder, the floor on its own folder (one process per folder).
  console.log('\nEmbedded (PGlite): preparing .data-bench-submit (demo data) and a copy of it, .data-bench-bare…');
  const appDir = freshDemoFolder('submit');
  const bareDir = path.join(ROOT, '.data-bench-bare');
  fs.rmSync(bareDir, { recursive: true, force: true });
  fs.cpSync(appDir, bareDir, { recursive: true }); // the same data on both sides (one process per folder)
  let embedded;
  const EMBEDDED_STEADY = ['one-tap', 'full'] as const;
  const embeddedFixed: Record<(typeof EMBEDDED_STEADY)[number], Measured[]> = { 'one-tap': [], full: [] };
  {
    const app = await startApp(await freePort(3310), { SIANG_DATA_DIR: appDir, SIANG_BENCH_BUILD: '1' });
    const bare = await startBare(await freePort(app.port + 1), { SIANG_DATA_DIR: bareDir });
    try {
      embedded = await measureDatabase('embedded', app, bare);
      // Steady 50/s on the embedded database too (issue #16: p99 < 100 ms on both databases), the app only.
      await sleep(10_000); // let the saturation runs' after-effects (GC, table maintenance) pass
      for (const kind of EMBEDDED_STEADY) await openLoop(`${app.url}/api/responses`, kind, 50, 3); // warm-up, not measured
      for (let round = 0; round < ROUNDS; round++) {
        for (const kind of EMBEDDED_STEADY) {
          const m = await openLoop(`${app.url}/api/responses`, kind, 50, RATE_SECONDS);
          assertAlive(app.child, 'the app (embedded)');
          embeddedFixed[kind].push(m);
          console.log(
            `  embedded 50/s round ${round + 1} ${kind}: ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p90 ${m.p90} ms, p99 ${m.p99} ms, non-2xx ${m.non2xx}, errors ${m.errors}`,
          );
        }
      }
    } finally {
      await bare.stop();
      await app.stop();
      fs.rmSync(appDir, { recursive: true, force: true });
      fs.rmSync(bareDir, { recursive: true, force: true });
    }
  }
  results.embedded = embedded;

  // PostgreSQL: a database of our own, with the same demo data, dropped at the end.
  const database = await createDatabase(`${PG_URL}/postgres`, 'siang_bench_submit');
  const databaseUrl = database.url;
  const dbName = new URL(databaseUrl).pathname.slice(1);
  let postgres;
  // Steady 50/s: the app, and in the same rounds the floor servers, so that a tail that comes from the machine (other
  // processes, the shared disk) shows in the floor too and is not blamed on the app.
  const STEADY = ['bare insert', 'bare rpc (full)', 'one-tap', 'full'] as const;
  type Steady = (typeof STEADY)[number];
  const fixed = Object.fromEntries(STEADY.map((c) => [c, [] as Measured[]])) as Record<Steady, Measured[]>;
  try {
    // The server's own autovacuum decides whether the app's table maintenance works there (lib/db/table-maintenance.ts).
    const settings = new pg.Client({ connectionString: databaseUrl });
    await settings.connect();
    const {
      rows: [server],
    } = await settings.query<{ version: string; autovacuum: string }>(
      "select current_setting('server_version') as version, current_setting('autovacuum') as autovacuum",
    );
    await settings.end();
    results.postgresServer = server;
    console.log(`\nPostgreSQL ${server?.version}, autovacuum ${server?.autovacuum} (${dbName}): migrating and adding the demo data…`);
    const dbEnv = { DATABASE_URL: databaseUrl, ...BENCH_SECRETS };
    // The seed writes the demo accounts' passwords beside the data: keep them in a bench folder, not in .data/.
    const accountsDir = path.join(ROOT, '.data-bench-pg-accounts');
    seedDemo({ ...dbEnv, SIANG_DATA_DIR: accountsDir });
    fs.rmSync(accountsDir, { recursive: true, force: true });
    const app = await startApp(await freePort(3320), { ...dbEnv, SIANG_BENCH_BUILD: '1' });
    const bare = await startBare(await freePort(app.port + 1), { DATABASE_URL: databaseUrl });
    try {
      postgres = await measureDatabase('postgres', app, bare);
      await sleep(10_000); // let the saturation runs' after-effects (autovacuum, GC) pass
      const target = (c: Steady) =>
        c === 'bare insert' ? `${bare.url}/insert` : c === 'bare rpc (full)' ? `${bare.url}/rpc` : `${app.url}/api/responses`;
      const kindOf = (c: Steady): Kind => (c === 'one-tap' ? 'one-tap' : 'full');
      for (const c of STEADY) await openLoop(target(c), kindOf(c), 50, 3); // warm-up, not measured
      console.log('  steady 50 submissions/s (open loop, one request every 20 ms):');
      for (let round = 0; round < ROUNDS; round++) {
        for (const c of STEADY) {
          const m = await openLoop(target(c), kindOf(c), 50, RATE_SECONDS);
          assertAlive(app.child, 'the app (postgres)');
          assertAlive(bare.child, 'the bare server (postgres)');
          fixed[c].push(m);
          console.log(
            `  postgres 50/s round ${round + 1} ${c}: ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p90 ${m.p90} ms, p99 ${m.p99} ms, non-2xx ${m.non2xx}, errors ${m.errors}`,
          );
        }
      }
    } finally {
      await bare.stop();
      await app.stop();
    }
  } finally {
    await database.drop().catch((e: Error) => console.error(`could not drop ${dbName}: ${e.message}`));
  }
  results.postgres = postgres;
  const steadySummary = (c: Steady) => ({
    p50: median(fixed[c].map((m) => m.p50)),
    p90: median(fixed[c].map((m) => m.p90)),
    p99: median(fixed[c].map((m) => m.p99)),
    p99Rounds: fixed[c].map((m) => m.p99),
    rps: median(fixed[c].map((m) => m.rps)),
  });
  const fixedSummary = Object.fromEntries(STEADY.map((c) => [c, steadySummary(c)])) as Record<Steady, ReturnType<typeof steadySummary>>;
  results.fixedRate50 = { rounds: fixed, summary: fixedSummary };
  const embeddedP99 = (kind: (typeof EMBEDDED_STEADY)[number]) => median(embeddedFixed[kind].map((m) => m.p99));
  results.embeddedFixedRate50 = {
    rounds: embeddedFixed,
    summary: Object.fromEntries(EMBEDDED_STEADY.map((k) => [k, { p50: median(embeddedFixed[k].map((m) => m.p50)), p99: embeddedP99(k) }])),
  };
  results.loadAverageAtEnd = machine().load;
  console.log(`\nEmbedded at a steady 50/s, medians of ${ROUNDS} rounds × ${RATE_SECONDS} s:`);
  console.log(
    table(
      ['case', 'p50 ms', 'p90 ms', 'p99 ms', 'p99 of each round'],
      EMBEDDED_STEADY.map((k) => [
        k,
        median(embeddedFixed[k].map((m) => m.p50)),
        median(embeddedFixed[k].map((m) => m.p90)),
        embeddedP99(k),
        embeddedFixed[k].map((m) => m.p99).join(' / '),
      ]),
    ),
  );
  console.log(`\nPostgreSQL at a steady 50/s, medians of ${ROUNDS} rounds × ${RATE_SECONDS} s:`);
  console.log(
    table(
      ['case', 'p50 ms', 'p90 ms', 'p99 ms', 'p99 of each round'],
      STEADY.map((c) => [c, fixedSummary[c].p50, fixedSummary[c].p90, fixedSummary[c].p99, fixedSummary[c].p99Rounds.join(' / ')]),
    ),
  );

  const rows: (string | number)[][] = [];
  for (const [label, r] of [
    ['embedded', embedded!],
    ['PostgreSQL', postgres!],
  ] as const) {
    for (const c of CASES) {
      const s = r.summary[c];
      rows.push([
        label,
        c,
        s.rps.toFixed(1),
        s.p50,
        s.p99,
        `${s.non2xx}${s.status429 ? ` (429: ${s.status429})` : ''}${c.startsWith('app, refused') ? ' (400 expected)' : ''}`,
        s.errors,
      ]);
    }
  }
  console.log(`\nSaturation, ${CONNECTIONS} connections, medians of ${ROUNDS} rounds × ${SECONDS} s:`);
  console.log(table(['database', 'case', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'], rows));
  const cpuRows: (string | number)[][] = [];
  for (const [label, r] of [
    ['embedded', embedded!],
    ['PostgreSQL', postgres!],
  ] as const) {
    for (const c of APP_CASES) {
      const share = r.cpu.summary[c];
      const total = share.nextThread + share.busiestOther + share.otherThreads + share.postgres;
      cpuRows.push([
        label,
        c,
        ...[share.nextThread, share.busiestOther, share.otherThreads, share.postgres, total, share.generator].map((ms) => ms.toFixed(2)),
      ]);
    }
  }
  console.log(`\nCPU per request under saturation (ms, from /proc; medians over the ${ROUNDS} rounds):`);
  console.log(
    table(
      [
        'database',
        'case',
        'Next.js thread',
        "busiest other thread (PGlite's, embedded)",
        'other threads',
        'PostgreSQL server',
        'server in all',
        'load generator',
      ],
      cpuRows,
    ),
  );
  const summary = [
    ['full ÷ bare route, embedded (information only: the ratio target is retired, issue #16)', '—', embedded!.fullOverBare.toFixed(2), ''],
    [
      'full ÷ bare route, PostgreSQL (information only: the ratio target is retired, issue #16)',
      '—',
      postgres!.fullOverBare.toFixed(2),
      '',
    ],
    ['one-tap ÷ bare route, embedded', '—', embedded!.oneTapOverBare.toFixed(2), ''],
    ['one-tap ÷ bare route, PostgreSQL', '—', postgres!.oneTapOverBare.toFixed(2), ''],
    ['bare route ÷ bare insert (what Next.js costs a one-row insert), embedded', '—', embedded!.bareRouteOverBareInsert.toFixed(2), ''],
    ['bare route ÷ bare insert (what Next.js costs a one-row insert), PostgreSQL', '—', postgres!.bareRouteOverBareInsert.toFixed(2), ''],
    ['full ÷ bare insert (no Next.js in the floor), embedded', '—', embedded!.fullOverBareInsert.toFixed(2), ''],
    ['full ÷ bare insert (no Next.js in the floor), PostgreSQL', '—', postgres!.fullOverBareInsert.toFixed(2), ''],
    ['bare rpc ÷ bare insert (cost of submit_response + its transaction), embedded', '—', embedded!.bareRpcOverBare.toFixed(2), ''],
    ['bare rpc ÷ bare insert (cost of submit_response + its transaction), PostgreSQL', '—', postgres!.bareRpcOverBare.toFixed(2), ''],
    ['app refused (no SQL) ÷ bare insert (cost of Next.js + route + zod), embedded', '—', embedded!.refusedOverBare.toFixed(2), ''],
    ['app refused (no SQL) ÷ bare insert (cost of Next.js + route + zod), PostgreSQL', '—', postgres!.refusedOverBare.toFixed(2), ''],
    ['full ÷ bare rpc (Next.js + zod on top of the SQL), embedded', '—', embedded!.fullOverBareRpc.toFixed(2), ''],
    ['full ÷ bare rpc (Next.js + zod on top of the SQL), PostgreSQL', '—', postgres!.fullOverBareRpc.toFixed(2), ''],
    [
      'p99, full at 50/s, embedded',
      `< ${TARGETS.p99At50} ms`,
      `${embeddedP99('full')} ms`,
      embeddedP99('full') < TARGETS.p99At50 ? 'pass' : 'MISS',
    ],
    [
      'p99, one-tap at 50/s, embedded',
      `< ${TARGETS.p99At50} ms`,
      `${embeddedP99('one-tap')} ms`,
      embeddedP99('one-tap') < TARGETS.p99At50 ? 'pass' : 'MISS',
    ],
    [
      'p99, full at 50/s, PostgreSQL',
      `< ${TARGETS.p99At50} ms`,
      `${fixedSummary.full.p99} ms`,
      fixedSummary.full.p99 < TARGETS.p99At50 ? 'pass' : 'MISS',
    ],
    [
      'p99, one-tap at 50/s, PostgreSQL',
      `< ${TARGETS.p99At50} ms`,
      `${fixedSummary['one-tap'].p99} ms`,
      fixedSummary['one-tap'].p99 < TARGETS.p99At50 ? 'pass' : 'MISS',
    ],
    ['p99, bare rpc at 50/s (no Next.js), PostgreSQL', '—', `${fixedSummary['bare rpc (full)'].p99} ms`, ''],
    ['p99, bare insert at 50/s (the machine), PostgreSQL', '—', `${fixedSummary['bare insert'].p99} ms`, ''],
  ];
  console.log(`\nSummary:\n${table(['figure', 'target', 'result', ''], summary)}`);
  results.summary = summary;
  console.log(`\nwritten to ${path.relative(ROOT, writeResults('submit-path', results))}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

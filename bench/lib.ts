/**
 * Shared helpers for the benchmarks in bench/ (not tests: they never fail on time). Each benchmark starts the BUILT
 * app (`npx next build` first) with `next start` on its own port in 3300–3399 and its own data folder
 * (.data-bench-*), measures, prints a Markdown table, writes bench/results/<name>.json, and stops what it started.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const TSX_BIN = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** 32+ character secrets the app requires with a database server (benchmark only, never used elsewhere). */
export const BENCH_SECRETS = {
  SESSION_SECRET: 'bench-session-secret-0123456789abcdefghijklmnop',
  SOURCE_HASH_SECRET: 'bench-source-hash-secret-0123456789abcdefghijk',
};

/** The seed survey's twelve item codes, answered by every full submission of the benchmarks. */
export const SEED_ITEMS = [
  'process_simple',
  'process_speed',
  'process_posted',
  'process_queue',
  'staff_polite',
  'staff_attentive',
  'staff_equal',
  'facilities_seating',
  'facilities_signs',
  'facilities_clean',
  'outcome_needs_met',
  'outcome_correct',
];
const SQL_POINTS = ['civil-registration', 'land-building-tax', 'building-permit', 'welfare-allowance', 'waste-fees'];
const rating = () => 1 + Math.floor(Math.random() * 5);

/**
 * A submission as submit_response takes it (the SQL benchmarks, no HTTP): a one-tap with a hashed address and device, or a full
 * one (12 items, suggestion, respondent questions, contact).
 */
export function sqlSubmission(kind: 'full' | 'one-tap' = 'full'): Record<string, unknown> {
  const oneTap = {
    client_key: randomUUID(),
    service_point: SQL_POINTS[Math.floor(Math.random() * SQL_POINTS.length)],
    locale: 'th',
    channel: 'qr',
    overall_rating: rating(),
    source_hash: randomBytes(16).toString('hex'),
    device_key: randomBytes(16).toString('hex'), // as the app sends for the device cookie (lib/responses/request-context.ts)
  };
  if (kind === 'one-tap') return oneTap;
  return {
    ...oneTap,
    answers: Object.fromEntries(SEED_ITEMS.map((code) => [code, rating()])),
    suggestion: { text: 'อยากให้มีบัตรคิวและที่นั่งรอเพิ่ม', category: 'facilities' },
    respondent: { gender: 'female', age_band: '40_49', education: 'bachelor', occupation: 'business' },
    contact: { consent: true, name: 'สมศรี ใจดี', phone: '081 234 5678', email: 'somsri@example.com' },
  };
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The production build the benchmarks start: `.next` (`npx next build`), or the benchmarks' own `.next-bench`. */
export function assertBuilt(distDir: '.next' | '.next-bench' = '.next') {
  if (!fs.existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    const build = distDir === '.next' ? 'npx next build' : 'SIANG_BENCH_BUILD=1 npx next build';
    throw new Error(`No production build in ${distDir}: run \`${build}\` first (the benchmarks measure \`next start\`).`);
  }
}

export function assertPortRange(port: number) {
  if (port < 3300 || port > 3399) throw new Error(`benchmark ports are 3300–3399 only (got ${port})`);
}

/** Resolves when nothing listens on the port (another engineer's server, or one of ours not yet gone). */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** The first free port from `from` upwards, within 3300–3399 (3306 is MariaDB on this machine). */
export async function freePort(from: number): Promise<number> {
  for (let port = from; port <= 3399; port++) {
    assertPortRange(port);
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port in ${from}–3399`);
}

export function machine() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? 'unknown';
  let chromium = 'unknown';
  try {
    chromium = execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    /* not installed */
  }
  const pkg = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    cpu: model,
    cores: os.cpus().length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium,
    next: pkg('next'),
    date: new Date().toISOString(),
    load: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
}

/** Everything a benchmark started, stopped on exit or Ctrl-C (by process group id, which we created). */
const started = new Set<ChildProcess>();
function stopAll() {
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  started.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

export interface RunningServer {
  port: number;
  pid: number;
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Spawn a process in its own group, with its stderr kept for error messages. */
export function spawnTracked(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  (child as ChildProcess & { stderrTail: () => string }).stderrTail = () => stderr;
  started.add(child);
  child.once('exit', (code, signal) => {
    if (started.has(child)) {
      // Not stopped by us: say so at once, with its last words, so that a run is never silently wrong.
      console.error(
        `\n!! ${path.basename(args[0] ?? command)} (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}\n${stderr.slice(-1500)}`,
      );
    }
    started.delete(child);
  });
  return child;
}

/** True while any process of the group `pgid` is alive (npm start leaves sh and the server behind npm). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the child's whole process group, SIGKILL after 10 s, and resolve only when every process of the group
 * has gone (so its port and data folder are free for the next run).
 */
export async function stopProcess(child: ChildProcess) {
  const pgid = child.pid;
  started.delete(child); // from here on its exit is expected
  if (!pgid) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + 10_000;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await sleep(25);
  }
}

const KEEP_TITLE = path.join(ROOT, 'bench', 'keep-title.cjs');

export function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    // Our own process title ("siang-bench"), which Next.js may not change: see bench/keep-title.cjs.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${KEEP_TITLE}`.trim(),
    BENCH_PROCESS_TITLE: 'siang-bench',
    // The benchmarks play the one proxy in front: each request names its client in X-Forwarded-For.
    TRUSTED_PROXIES: '1',
    ...extra,
  };
  // Never inherit another database setting from the shell.
  for (const name of ['DATABASE_URL', 'SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_SERVICE_ROLE_KEY', 'SIANG_DB']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** `next start` on `port` with the given environment; resolves once /api/health answers 200, with the time it took. */
export async function startApp(
  port: number,
  extraEnv: Record<string, string>,
  timeoutMs = 180_000,
): Promise<RunningServer & { readyMs: number }> {
  assertPortRange(port);
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use`);
  const t0 = performance.now();
  const child = spawnTracked(
    process.execPath,
    [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'],
    appEnv({ BENCH_PROCESS_TITLE: `siang-bench-app-${port}`, ...extraEnv }),
  );
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitForHealth(url, child, t0, timeoutMs);
  return { port, pid: child.pid!, child, url, readyMs, stop: () => stopProcess(child) };
}

/** Throws when a server we started has gone (so that a run never reports numbers measured against nothing). */
export function assertAlive(child: ChildProcess, what: string) {
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`${what} is gone (exit code ${child.exitCode}, signal ${child.signalCode}): figures after this point would be wrong`);
  }
}

/** Poll GET /api/health every 20 ms until 200; returns ms since t0. */
export async function waitForHealth(url: string, child: ChildProcess, t0: number, timeoutMs: number): Promise<number> {
  const deadline = t0 + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `server exited (${child.exitCode}):\n${(child as ChildProcess & { stderrTail?: () => string }).stderrTail?.() ?? ''}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return performance.now() - t0;
      await response.arrayBuffer();
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
  throw new Error(`no 200 from ${url}/api/health within ${timeoutMs} ms`);
}

/**
 * Add the demo municipality's ~4,000 responses and staff accounts (scripts/seed-demo.ts) to the database that `env`
 * names: an embedded folder (server stopped) or a DATABASE_URL.
 */
export function seedDemo(env: Record<string, string>) {
  execFileSync(TSX_BIN, ['scripts/seed-demo.ts'], { cwd: ROOT, env: appEnv(env), stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A fresh embedded data folder with the demo data: .data-bench-<name>. */
export function freshDemoFolder(name: string): string {
  const dir = path.join(ROOT, `.data-bench-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  seedDemo({ SIANG_DATA_DIR: dir, SIANG_DB: 'embedded' });
  return dir;
}

let clockTicks: number | undefined;
/** The kernel's clock ticks per second (`getconf CLK_TCK`), in which /proc counts CPU time. */
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return clockTicks;
}

/** CPU time (user + system, ms) of a /proc stat line, whose fields after the command's closing ")" start at the state. */
function statCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
}

/** CPU time so far (ms) of each thread of a process, by thread id (threads that end meanwhile are skipped). */
export function threadCpu(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      threads.set(Number(tid), statCpuMs(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
    } catch {
      /* ended meanwhile */
    }
  }
  return threads;
}

/**
 * CPU time so far (ms) of every process whose command is `command` (for example the PostgreSQL server's processes), by
 * process id: subtract per process, since a process that exits between two readings takes its total with it.
 */
export function commandCpu(command: string): Map<number, number> {
  const processes = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === command) processes.set(Number(entry), statCpuMs(stat));
    } catch {
      /* exited meanwhile */
    }
  }
  return processes;
}

/** CPU used (ms) between two readings of threadCpu or commandCpu; what ended in between counts until the first. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): Map<number, number> {
  return new Map([...after].map(([id, ms]) => [id, ms - (before.get(id) ?? 0)]));
}

/** Resident memory of a process and all its descendants, from /proc (bytes). */
export function treeRss(rootPid: number): { bytes: number; pids: number[] } {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const pids: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    pids.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  let bytes = 0;
  for (const pid of pids) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      bytes += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      /* exited */
    }
  }
  return { bytes, pids };
}

export function writeResults(name: string, data: unknown) {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}

/** A Markdown table from rows of cells. */
export function table(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

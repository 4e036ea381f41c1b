import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * Start and stop the built app (`next start`) for the drills, on a port and a database of their own, with its output
 * kept in a log file. The app runs in its own process group, so that a SIGKILL takes down exactly the server the
 * drill started and nothing else.
 */

export interface RunningApp {
  pid: number;
  baseUrl: string;
  /** Resolves when the process has exited (with its code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export function ensureBuild() {
  if (fs.existsSync(path.resolve('.next', 'BUILD_ID'))) return;
  console.log('No build found: running next build first …');
  execFileSync(process.execPath, [path.resolve('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
}

export const DRILL_SECRETS = {
  SESSION_SECRET: 'drill-session-secret-0123456789-abcdefghijklmnop',
  SOURCE_HASH_SECRET: 'drill-source-hash-secret-0123456789-abcdefghijk',
};

export async function startApp(options: {
  port: number;
  env: Record<string, string>;
  logFile: string;
  healthTimeoutMs?: number;
}): Promise<RunningApp> {
  const log = fs.openSync(options.logFile, 'a');
  // DRILL_APP_DIR: run a copy of the build (so that a long drill survives a rebuild of the work tree meanwhile).
  const cwd = process.env.DRILL_APP_DIR ?? process.cwd();
  // server.mjs, as `npm start` runs it. The drills play the one proxy in front (TRUSTED_PROXIES=1): each request names
  // its citizen in X-Forwarded-For, as nginx would; a drill that plays a client without a proxy sets TRUSTED_PROXIES=0.
  const child: ChildProcess = spawn(process.execPath, [path.join(cwd, 'server.mjs'), '-p', String(options.port)], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'info', TRUSTED_PROXIES: '1', ...options.env },
    stdio: ['ignore', log, log],
    detached: true, // its own process group: kill(-pid) reaches the server and any worker it forks
  });
  fs.closeSync(log);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const app: RunningApp = {
    pid: child.pid!,
    baseUrl,
    exited,
    kill(signal) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
    async stop() {
      app.kill('SIGTERM');
      const timer = setTimeout(() => app.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.healthTimeoutMs ?? 120_000);
  let last = '';
  while (Date.now() < deadline) {
    const state = await Promise.race([exited.then(() => 'exited'), new Promise((r) => setTimeout(() => r('waiting'), 200))]);
    if (state === 'exited') throw new Error(`the app exited while starting; see ${options.logFile}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.status === 200) return app;
      last = `${r.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
  }
  app.kill('SIGKILL');
  throw new Error(`the app did not become healthy (${last}); see ${options.logFile}`);
}

/** A database of the drill's own on a PostgreSQL server (created here, dropped by the returned function). */
export async function createDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = new URL(serverUrl);
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(url.hostname))
    throw new Error(`drills only use a local PostgreSQL, not ${url.hostname}`);
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : (process.env[`DRILL_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback);
}

/** The machine the figures came from, for RELIABILITY.md. */
export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/')}, Node ${process.version}`;
}

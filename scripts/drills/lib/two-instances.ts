import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, DRILL_SECRETS, startApp, type RunningApp } from './app';
import { receiptFor } from './http';

/**
 * Two `next start` instances of the built app on one fresh PostgreSQL database (on TEST_DATABASE_URL), behind no
 * proxy, each on its own port, for e2e/two-instances.spec.ts and `npm run drill:instances`. They share nothing but the
 * database and the two secrets every instance must share (lib/env.ts requires them with a database server).
 * Alerts go to a webhook receiver of the caller's, so that each delivery can be counted.
 */

export const PORTS = [Number(process.env.INSTANCE_A_PORT ?? 3810), Number(process.env.INSTANCE_B_PORT ?? 3811)] as const;
export const HOOK_PORT = Number(process.env.INSTANCE_HOOK_PORT ?? 3812);
export const FLOOD_PER_MINUTE = 20;
export const STAFF = { admin: 'admin@siang.demo', lockout: 'pr@siang.demo' } as const;
export const PASSWORD = 'two-instances-password-1234';

export interface Pair {
  urls: [string, string];
  apps: RunningApp[];
  databaseUrl: string;
  owner: pg.Pool;
  hooks: { alertId: number; type: string }[];
  startedAt: number;
  logDir: string;
  /** SIGKILL instance i (its whole process group), as a crash or an OOM kill would. */
  kill(i: number): Promise<void>;
  /** Start instance i again on its port, with the same settings. */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

/** A distinct client address for each index (benchmarking range 198.18.0.0/15, never routed). */
export const addressOf = (i: number) => `198.18.${(i >>> 8) & 255}.${i & 255}`;

export async function startPair(serverUrl: string, options: { logDir?: string } = {}): Promise<Pair> {
  const temporary = !options.logDir;
  const logDir = options.logDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'siang-two-'));
  fs.mkdirSync(logDir, { recursive: true });
  const database = await createDatabase(serverUrl, 'siang_two');
  const hooks: Pair['hooks'] = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; alertId?: number };
        hooks.push({ type: body.type, alertId: body.alertId ?? -1 });
      } catch {
        hooks.push({ type: 'unreadable', alertId: -1 });
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(HOOK_PORT, '127.0.0.1', resolve));

  const env: Record<string, string> = {
    SIANG_DB: 'postgres',
    DATABASE_URL: database.url,
    ...DRILL_SECRETS,
    SIANG_DATA_DIR: path.join(logDir, 'data'), // evidence files only, in this mode
    SIANG_FLOOD_PER_MINUTE: String(FLOOD_PER_MINUTE),
    STAT_FOLD_SECONDS: '2',
    ALERT_JOB_SECONDS: '5',
    ALERT_WEBHOOK_URL: `http://127.0.0.1:${HOOK_PORT}/hook`,
    ALERT_WEBHOOK_SECRET: 'two-instances-webhook-secret-0123456789',
    PUBLIC_BASE_URL: `http://localhost:${PORTS[0]}`,
  };
  // Migrate and add the staff through the CLI an operator uses, before either instance starts.
  const tsx = path.resolve('node_modules', '.bin', 'tsx');
  for (const [email, role] of [
    [STAFF.admin, 'admin'],
    [STAFF.lockout, 'pr_officer'],
  ] as const) {
    execFileSync(tsx, ['scripts/staff-add.ts', '--email', email, '--role', role, '--password-stdin'], {
      input: PASSWORD,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
  }
  const owner = new pg.Pool({ connectionString: database.url, max: 3 });

  const startedAt = Date.now();
  const start = (i: number) =>
    startApp({ port: PORTS[i]!, env, logFile: path.join(logDir, `instance-${'ab'[i]}.log`), healthTimeoutMs: 240_000 });
  const apps = await Promise.all(PORTS.map((_, i) => start(i)));
  return {
    urls: [`http://localhost:${PORTS[0]}`, `http://localhost:${PORTS[1]}`],
    apps,
    databaseUrl: database.url,
    owner,
    hooks,
    startedAt,
    logDir,
    async kill(i) {
      apps[i]!.kill('SIGKILL');
      await apps[i]!.exited;
    },
    async restart(i) {
      apps[i] = await start(i);
    },
    async stop() {
      await Promise.all(apps.map((app) => app.stop()));
      await owner.end();
      await new Promise((resolve) => receiver.close(resolve));
      await database.drop();
      // The servers' logs are kept when the caller chose the folder (the drill), or when asked to (KEEP_INSTANCE_LOGS=1).
      if (temporary && process.env.KEEP_INSTANCE_LOGS !== '1') fs.rmSync(logDir, { recursive: true, force: true });
    },
  };
}

/** POST /api/responses as a citizen's phone would, from a given client address, with the receipt its page gave it. */
export async function postResponse(baseUrl: string, body: Record<string, unknown>, address: string) {
  const receipt = typeof body.clientKey === 'string' ? { receipt: receiptFor(body.clientKey) } : {};
  const r = await fetch(`${baseUrl}/api/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'accept-language': 'th' },
    body: JSON.stringify({ servicePoint: 'civil-registration', locale: 'th', overallRating: 4, ...receipt, ...body }),
  });
  const text = await r.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: r.status, json };
}

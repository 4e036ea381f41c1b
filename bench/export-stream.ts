/**
 * npm run bench:export [-- --responses 1000000]
 *
 * The streaming CSV export of every response (GET /api/staff/exports/responses.csv) from a `next start` server on
 * PostgreSQL holding that many responses: rows per second, and the peak resident memory of the server process while it
 * streams (target ≤ 300 MB). Run `npm run build` first. Not a test: it never fails on time.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openPostgres } from '@/lib/db/postgres';
import { serviceRole } from '@/lib/db/types';
import { createDatabase } from '../scripts/drills/lib/app';
import { generate } from './generate-responses';
import { portIsFree } from './lib';

const { values } = parseArgs({ options: { responses: { type: 'string', default: '1000000' }, port: { type: 'string', default: '3391' } } });
const TARGET = Number(values.responses);
const PORT = Number(values.port);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SESSION_SECRET = randomBytes(48).toString('base64url');
const SOURCE_HASH_SECRET = randomBytes(48).toString('base64url');

/** Resident memory (MB) of a process and its children, from /proc. */
function rssOf(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = fs.readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(' ').map(Number));
    } catch {
      // gone
    }
  }
  return pids.reduce((sum, p) => {
    try {
      const pages = Number(fs.readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1]);
      return sum + (pages * 4096) / 2 ** 20;
    } catch {
      return sum;
    }
  }, 0);
}

async function main() {
  // A server left on the port (an earlier run stopped half-way) would answer instead of ours, with another database.
  if (!(await portIsFree(PORT))) throw new Error(`port ${PORT} is in use: stop what listens there, or pass --port`);
  process.env.SESSION_SECRET = SESSION_SECRET;
  process.env.SOURCE_HASH_SECRET = SOURCE_HASH_SECRET;
  const database = await createDatabase(serverUrl, 'siang_bench_export');
  const db = await openPostgres({ connectionString: database.url, max: 2 });
  let server: ReturnType<typeof spawn> | undefined;
  try {
    console.log(`Generating ${TARGET.toLocaleString()} responses…`);
    await generate(db, TARGET);
    const { userId } = await db.rpc(
      'staff_upsert',
      {
        p_email: 'bench@siang.test',
        p_role: 'pr_officer',
        p_display_name: 'bench',
        p_password_hash: '$2b$12$abcdefghijklmnopqrstuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu',
      },
      serviceRole,
    );
    const sessionId = await db.rpc('start_staff_session', { p_user_id: userId, p_hours: 8 }, serviceRole);
    const { signSession } = await import('@/lib/auth/session-token');
    const token = await signSession({ id: userId, email: 'bench@siang.test', sessionId });

    server = spawn(process.execPath, [path.resolve('server.mjs'), '-p', String(PORT)], {
      env: { ...process.env, DATABASE_URL: database.url, SIANG_DB: 'postgres', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`http://localhost:${PORT}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const idle = rssOf(server.pid!);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server!.pid!))), 200);
    const started = performance.now();
    const response = await fetch(`http://localhost:${PORT}/api/staff/exports/responses.csv`, {
      headers: { cookie: `siang_session=${token}`, 'accept-language': 'th' },
    });
    if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
    let bytes = 0;
    let rows = -1; // the header line
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      rows += (decoder.decode(value, { stream: true }).match(/\n/g) ?? []).length; // a CRLF may straddle two chunks
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(
      `\nMachine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log('| responses in the database | rows exported | size | time | rows/s | server RSS idle | server RSS peak |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| ${TARGET.toLocaleString()} | ${rows.toLocaleString()} | ${(bytes / 2 ** 20).toFixed(0)} MB | ${seconds.toFixed(1)} s | ${Math.round(rows / seconds).toLocaleString()} | ${idle.toFixed(0)} MB | ${peak.toFixed(0)} MB |`,
    );
  } finally {
    server?.kill('SIGTERM');
    await db.close();
    await database.drop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

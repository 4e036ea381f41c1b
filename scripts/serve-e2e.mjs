#!/usr/bin/env node
// Start the built app for the browser tests on a fresh embedded database: .data-e2e is wiped, the demo data and
// one demo account per role are added (their passwords land in .data-e2e/demo-accounts.json for the tests), then
// the app starts. Usage: node scripts/serve-e2e.mjs [port]
// The server's output (stdout and stderr, at LOG_LEVEL info) is also kept in <data dir>/server.log, so that the
// tests can read what the server logged (e2e/security.spec.ts: no personal data in the logs).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.argv[2] ?? '3210';
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? '.data-e2e');
fs.rmSync(dataDir, { recursive: true, force: true });

// PUBLIC_BASE_URL as a deployment sets it: the feed's links must follow it, not a request's Host (security.spec.ts).
const env = {
  ...process.env,
  SIANG_DATA_DIR: dataDir,
  SIANG_DB: 'embedded',
  NODE_ENV: 'production',
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
  PUBLIC_BASE_URL: `http://localhost:${port}`,
  // The loopback plays the reverse proxy on the same machine (nginx): the tests that need many clients (fuzz.spec.ts,
  // ownAddress() in e2e/helpers.ts) name them in X-Forwarded-For from there. The browser opens http://localhost, which
  // it may reach over ::1 as well as 127.0.0.1, so both are the proxy. A client at any other address cannot
  // (security.spec.ts sends from 127.0.0.17).
  TRUSTED_PROXIES: '127.0.0.1,::1',
};
execFileSync(path.resolve('node_modules', '.bin', 'tsx'), ['scripts/seed-demo.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

// server.mjs, as `npm start` runs it: the app sees each request's socket address (e2e/security.spec.ts relies on it).
const child = spawn(process.execPath, [path.resolve('server.mjs'), '-p', port], { stdio: ['ignore', 'pipe', 'pipe'], env });
const serverLog = fs.createWriteStream(path.join(dataDir, 'server.log'), { flags: 'a' });
child.stdout.on('data', (chunk) => {
  serverLog.write(chunk);
  process.stdout.write(chunk);
});
child.stderr.on('data', (chunk) => {
  serverLog.write(chunk);
  process.stderr.write(chunk);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

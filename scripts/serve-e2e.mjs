#!/usr/bin/env node
// Start the built app for the browser tests on a fresh embedded database: .data-e2e is wiped first, then the app
// migrates and seeds it at start-up. Usage: node scripts/serve-e2e.mjs [port]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const port = process.argv[2] ?? '3210';
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? '.data-e2e');
fs.rmSync(dataDir, { recursive: true, force: true });

const next = path.resolve('node_modules', 'next', 'dist', 'bin', 'next');
const child = spawn(process.execPath, [next, 'start', '-p', port], {
  stdio: 'inherit',
  env: { ...process.env, SIANG_DATA_DIR: dataDir, SIANG_DB: 'embedded', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

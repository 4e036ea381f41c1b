import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A server that cannot work stops at start with one line naming the problem (exit code 1), instead of listening and
 * answering 500 to everything: a service manager restarts a process that exits, never one that stays up. Each case
 * starts its own server.mjs (as `npm start` does) on a port next to the test server's, with a folder of its own.
 */

const PORT = Number(process.env.E2E_PORT ?? 3210) + 1;
const folders: string[] = [];
test.afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-start-'));
  folders.push(dir);
  return dir;
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>, command = [path.resolve('server.mjs'), '-p', String(PORT)]): Started {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(DATABASE_URL|SUPABASE_|SIANG_|SESSION_SECRET|SOURCE_HASH_SECRET|TRUSTED_PROXIES)/.test(name),
    ),
  );
  const child = spawn(process.execPath, command, {
    env: { ...clean, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  return { child, output: () => text, exited: once(child, 'exit').then(([code]) => code as number | null) };
}

async function stopsWith(started: Started, pattern: RegExp) {
  const code = await Promise.race([started.exited, new Promise((r) => setTimeout(() => r('still running'), 90_000))]);
  if (code === 'still running') started.child.kill('SIGKILL');
  expect(code, started.output()).toBe(1);
  expect(started.output()).toMatch(pattern);
  await expect(fetch(`http://127.0.0.1:${PORT}/api/health`)).rejects.toThrow(); // nobody kept listening
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test('missing secrets on a database server stop the start, naming each variable', async () => {
  const started = startServer({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
  await stopsWith(started, /SESSION_SECRET[\s\S]*SOURCE_HASH_SECRET/);
  expect(started.output()).not.toMatch(/\n\s+at /); // a message, not a stack trace
});

test('an embedded folder in use by a live process stops the start, naming the holder', async () => {
  const dir = tempDir();
  const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)']);
  try {
    fs.writeFileSync(
      path.join(dir, 'siang.lock'),
      JSON.stringify({ pid: holder.pid, host: os.hostname(), since: new Date().toISOString() }),
    );
    await stopsWith(startServer({ SIANG_DATA_DIR: dir }), new RegExp(`in use by another process \\(pid ${holder.pid}`));
  } finally {
    holder.kill('SIGKILL');
  }
});

test('an embedded database that cannot open stops the start with its folder named', async () => {
  const file = path.join(tempDir(), 'not-a-folder');
  fs.writeFileSync(file, 'x');
  await stopsWith(startServer({ SIANG_DATA_DIR: file }), new RegExp(`embedded database in ${file.replace(/[/.]/g, '\\$&')} did not open`));
});

test('`next start` alone, with no trusted proxy, stops: it cannot tell clients apart', async () => {
  const started = startServer({ SIANG_DATA_DIR: tempDir() }, [
    path.resolve('node_modules/next/dist/bin/next'),
    'start',
    '-p',
    String(PORT),
  ]);
  await stopsWith(started, /npm start[\s\S]*TRUSTED_PROXIES/);
});

test('a folder locked by a killed server that is now a zombie is taken over, and the server answers', async () => {
  const dir = tempDir();
  // The shell starts a short child, then becomes `sleep 120`, which never reaps it: the child stays a zombie.
  const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 120']);
  let started: Started | undefined;
  try {
    const [chunk] = (await once(parent.stdout!, 'data')) as [Buffer];
    const zombie = Number(chunk.toString().trim());
    await expect.poll(() => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ').at(-1)!.charAt(0)).toBe('Z');
    fs.writeFileSync(path.join(dir, 'siang.lock'), JSON.stringify({ pid: zombie, host: os.hostname(), since: new Date().toISOString() }));
    started = startServer({ SIANG_DATA_DIR: dir });
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.status ?? started!.output().slice(-300), {
        timeout: 150_000,
        intervals: [500],
      })
      .toBe(200);
  } finally {
    started?.child.kill('SIGTERM');
    if (started) await started.exited;
    parent.kill('SIGKILL');
  }
});

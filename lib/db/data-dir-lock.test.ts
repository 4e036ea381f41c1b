import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the embedded data folder lock', () => {
  it('refuses a second process with a message naming the holder', async () => {
    const dir = tempDir();
    // Another process takes the lock and stays alive.
    const holder = spawn(process.execPath, [
      '-e',
      `
      const fs = require('fs'), os = require('os');
      fs.writeFileSync(${JSON.stringify(path.join(dir, 'siang.lock'))}, JSON.stringify({ pid: process.pid, host: os.hostname(), since: 'now' }));
      console.log('locked'); setTimeout(() => {}, 30000);`,
    ]);
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${holder.pid}`));
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that died, and releases its own', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    fs.writeFileSync(path.join(dir, 'siang.lock'), JSON.stringify({ pid: dead.pid, host: os.hostname(), since: 'then' }));
    const release = lockDataDir(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'siang.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'siang.lock'))).toBe(false);
  });

  // After a kill -9 whose parent had not reaped it yet, the dead server was a zombie, taken for a live holder: the
  // new server kept answering 500 for minutes. A zombie runs no code and writes nothing.
  it('takes over a lock whose holder is a zombie', async () => {
    const dir = tempDir();
    // The shell starts a short child, then becomes `sleep 30`, which never reaps it: the child becomes a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30']);
    try {
      const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
      const zombie = Number(chunk.toString().trim());
      const state = () => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ').at(-1)!.charAt(0);
      for (let i = 0; i < 100 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 20));
      expect(state()).toBe('Z');
      expect(() => process.kill(zombie, 0)).not.toThrow(); // what fooled the old check
      fs.writeFileSync(path.join(dir, 'siang.lock'), JSON.stringify({ pid: zombie, host: os.hostname(), since: new Date().toISOString() }));
      const release = lockDataDir(dir);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'siang.lock'), 'utf8')).pid).toBe(process.pid);
      release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('takes over a lock whose pid now belongs to a process started after the lock was written', async () => {
    const dir = tempDir();
    // A live process, but younger than the lock: the holder died and its pid was reused (common in containers).
    const other = spawn(process.execPath, ['-e', 'console.log(1); setTimeout(() => {}, 30000)']);
    try {
      await once(other.stdout, 'data');
      fs.writeFileSync(
        path.join(dir, 'siang.lock'),
        JSON.stringify({ pid: other.pid, host: os.hostname(), since: '2020-01-01T00:00:00.000Z' }),
      );
      const release = lockDataDir(dir);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'siang.lock'), 'utf8')).pid).toBe(process.pid);
      release();
    } finally {
      other.kill('SIGKILL');
    }
  });
});

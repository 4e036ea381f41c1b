import { spawn } from 'node:child_process';
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
    const holder = spawn(process.execPath, ['-e', `
      const fs = require('fs'), os = require('os');
      fs.writeFileSync(${JSON.stringify(path.join(dir, 'siang.lock'))}, JSON.stringify({ pid: process.pid, host: os.hostname(), since: 'now' }));
      console.log('locked'); setTimeout(() => {}, 30000);`]);
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
});

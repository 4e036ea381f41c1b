import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite keeps its data in a folder, and two processes opening one folder corrupt it silently. The first process takes
 * this lock; a second one is refused with a message saying which process holds it. A lock left by a process that died
 * (SIGKILL, power cut), even one not yet reaped (a zombie), is taken over, because its holder can no longer write.
 */

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderSince: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${holderPid}, since ${holderSince}). ` +
        'Stop that process first (for example the running Siang server), or point SIANG_DATA_DIR at another folder.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

/**
 * Whether the process that wrote a lock at `since` may still write to the folder. Not when: it is gone; it is a zombie
 * (killed, not yet reaped by its parent: kill(pid, 0) still succeeds, yet it runs no code); or its pid now belongs to a
 * process that started after the lock was written (the holder died and the pid was reused, common in containers).
 * Where /proc is missing (not Linux) only the first test is possible.
 */
function holderAlive(pid: number, since: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  const locked = Date.parse(since);
  return !(stat.startedAt && Number.isFinite(locked) && stat.startedAt > locked + 2_000);
}

/** State letter and start time (ms since the epoch) of a process, from /proc/<pid>/stat; null without /proc. */
function procStat(pid: number): { state: string; startedAt: number | null } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid …": the command may itself hold spaces and parentheses, so split after the last ")".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const bootSeconds = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    const ticks = Number(fields[19]); // field 22 of the whole line: start time in clock ticks after boot
    // Clock ticks are 100 a second on every Linux Node runs on (USER_HZ); a wrong guess only weakens the pid-reuse test.
    const startedAt = Number.isFinite(bootSeconds) && Number.isFinite(ticks) ? bootSeconds * 1000 + ticks * 10 : null;
    return { state: fields[0] ?? '', startedAt };
  } catch {
    return null;
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof info.pid === 'number' && typeof info.host === 'string') {
      return { pid: info.pid, host: info.host, since: String(info.since ?? '') };
    }
  } catch {
    // unreadable or half-written: treat as stale
  }
  return null;
}

/** Take the folder's lock or throw DataDirLockedError. Returns a release function (also run at process exit). */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'siang.lock');
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const holder = readLock(file);
        if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && holder.host === mine.host && holderAlive(holder.pid, holder.since)) {
        throw new DataDirLockedError(dataDir, holder.pid, holder.since);
      }
      if (holder && holder.host !== mine.host) {
        throw new DataDirLockedError(dataDir, holder.pid, `${holder.since} on ${holder.host}`);
      }
      // Stale: its process is gone. Remove and try again (another starter may race us; wx decides).
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

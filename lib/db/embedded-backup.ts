import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';

/**
 * Backups of the embedded database. A snapshot is taken inside a transaction, so no other transaction interleaves
 * with the copy: the result is the database as of one moment, restorable like a cleanly stopped server. While the app
 * runs, only it can take the snapshot (it holds the folder); `npm run backup` asks it to with SIGUSR2 and a request
 * file, and opens the folder itself when no server is running.
 */

export const BACKUP_REQUEST_FILE = 'backup-request.json';

export async function snapshot(pglite: PGlite): Promise<Buffer> {
  const blob = await pglite.transaction(async () => pglite.dumpDataDir('gzip'));
  return Buffer.from(await blob.arrayBuffer());
}

/** Where a snapshot comes from: a PGlite of this thread, or the server's database thread (lib/db/pglite-thread.ts). */
export type SnapshotSource = PGlite | { snapshot(): Promise<Buffer> };

/** Write a snapshot atomically: to a temporary file first, then renamed, so a reader never sees half a backup. */
export async function writeSnapshot(source: SnapshotSource, target: string): Promise<number> {
  const data = source instanceof PGlite ? await snapshot(source) : await source.snapshot();
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.partial`;
  fs.writeFileSync(temporary, data, { mode: 0o600 });
  fs.renameSync(temporary, target);
  return data.byteLength;
}

/** Restore a snapshot into an empty folder (refused if the folder holds anything, or is in use). */
export async function restoreSnapshot(file: string, targetDir: string): Promise<void> {
  if (fs.existsSync(targetDir) && fs.readdirSync(targetDir).length > 0) {
    throw new Error(`${targetDir} is not empty: restore into a new folder, then point SIANG_DATA_DIR at it`);
  }
  const release = lockDataDir(targetDir);
  try {
    const pg = await PGlite.create({ dataDir: targetDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await pg.query('select 1');
    await pg.close();
  } finally {
    release();
  }
}

/** Inside the running server: answer a backup request left by `npm run backup`. */
export async function answerBackupRequest(source: SnapshotSource, dataDir: string): Promise<string | null> {
  const requestFile = path.join(dataDir, BACKUP_REQUEST_FILE);
  let target: string;
  try {
    target = (JSON.parse(fs.readFileSync(requestFile, 'utf8')) as { target: string }).target;
  } catch {
    return null;
  }
  fs.rmSync(requestFile, { force: true });
  await writeSnapshot(source, target);
  return target;
}

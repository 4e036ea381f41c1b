import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { filterBackupArchive } from './backup-archive';
import { lockDataDir } from './data-dir-lock';

/**
 * Backups of the embedded database. A snapshot is taken inside a transaction, so no other transaction interleaves
 * with the copy: the result is the database as of one moment, restorable like a cleanly stopped server. While the app
 * runs, only it can take the snapshot (it holds the folder); `npm run backup` asks it to with SIGUSR2 and a request
 * file, and opens the folder itself when no server is running.
 *
 * A backup holds the database and its evidence files, nothing else (lib/db/backup-archive.ts): above all never the
 * folder's lock, which would make every restored copy read as "in use by another process".
 */

export const BACKUP_REQUEST_FILE = 'backup-request.json';

export async function snapshot(pglite: PGlite): Promise<Buffer> {
  const blob = await pglite.transaction(async () => pglite.dumpDataDir('gzip'));
  return filterBackupArchive(Buffer.from(await blob.arrayBuffer())).archive;
}

/** Where a snapshot comes from: a PGlite of this thread, or the server's database thread (lib/db/pglite-thread.ts). */
export type SnapshotSource = PGlite | { snapshot(): Promise<Buffer> };

/** Write a snapshot atomically: to a temporary file first, then renamed, so a reader never sees half a backup. */
export async function writeSnapshot(source: SnapshotSource, target: string): Promise<number> {
  // The server's thread dumps the raw folder (lib/db/pglite-worker.mjs): filtered here, by the same rule.
  const data = source instanceof PGlite ? await snapshot(source) : filterBackupArchive(await source.snapshot()).archive;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.partial`;
  fs.writeFileSync(temporary, data, { mode: 0o600 });
  fs.renameSync(temporary, target);
  return data.byteLength;
}

/**
 * Restore a snapshot into an empty folder (refused if the folder holds anything, or is in use). Backups made before
 * the archive was filtered carry the source's siang.lock and secrets: they are left out here too, so that the restored
 * folder is one this machine, or any other, can open. Returns what was left out of the archive.
 */
export async function restoreSnapshot(file: string, targetDir: string, label = targetDir): Promise<{ left: string[] }> {
  if (fs.existsSync(targetDir) && fs.readdirSync(targetDir).length > 0) {
    throw new Error(`${label} is not empty: restore into a new folder, then point SIANG_DATA_DIR at it`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`Cannot read the backup ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let filtered: { archive: Buffer; left: string[] };
  try {
    filtered = filterBackupArchive(bytes);
  } catch (error) {
    throw new Error(`${file} is not a Siang backup (${(error as Error).message})`);
  }
  const release = lockDataDir(targetDir);
  try {
    const pg = await PGlite.create({ dataDir: targetDir, loadDataDir: new Blob([new Uint8Array(filtered.archive)]) });
    await pg.query('select 1');
    await pg.close();
  } finally {
    release();
  }
  return { left: filtered.left };
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

export interface RestoredCounts {
  responses: number;
  suggestions: number;
  actions: number;
  staff: number;
  /** Migrations in this code that the restored copy has not had yet (the app applies them when it starts). */
  pendingMigrations: string[];
}

/**
 * Open a restored folder as the app would (under its lock), and count what matters to the people who use it. It
 * reads only: a copy being checked is not migrated, so checking an old backup leaves it as it was.
 */
export async function countRestored(dataDir: string): Promise<RestoredCounts> {
  const { migrationState } = await import('./migrate');
  const release = lockDataDir(dataDir);
  const pg = await PGlite.create({ dataDir });
  try {
    const one = async (table: string) => (await pg.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]!.n;
    const state = await migrationState({
      exec: async (sql) => void (await pg.exec(sql)),
      query: async <T>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows,
    });
    return {
      responses: await one('response'),
      suggestions: await one('suggestion'),
      actions: await one('improvement_action'),
      staff: await one('staff'),
      pendingMigrations: state.pending,
    };
  } finally {
    await pg.close().catch(() => undefined);
    release();
  }
}

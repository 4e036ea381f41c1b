import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * What an embedded backup holds. PGlite's dumpDataDir tars its whole folder, and the app keeps files of its own in
 * that folder beside PostgreSQL's: the folder's lock (siang.lock: a restored copy must never look "in use"), the
 * generated secrets, the demo passwords, a pending backup request, the e2e server log. None of these is the database,
 * and some must not travel in a file that leaves the machine. So the archive is filtered by an allow-list, never a
 * deny-list: a file the app adds to the folder later stays out of backups until someone decides it belongs.
 *
 * Kept: PostgreSQL's own files, and evidence/ (the photos of improvement actions, named by their database id: user
 * data the database points at, so a restore without them would show broken evidence). See docs/operations.md.
 */

const BLOCK = 512;

/** The first part of an entry's path: PGlite writes "/base/1/…", other tars "./base/…" or "base/…". */
function topLevel(name: string): string {
  return name.replace(/^(\.?\/)+/, '').split('/')[0] ?? '';
}

/** PostgreSQL's data directory (initdb's layout, and PGlite's), plus the evidence files the database refers to. */
export function belongsInBackup(name: string): boolean {
  const top = topLevel(name);
  return (
    top === '' || // the folder itself ("./")
    top === 'PG_VERSION' ||
    top === 'base' ||
    top === 'global' ||
    top.startsWith('pg_') ||
    /^postgresql(\.auto)?\.conf$/.test(top) ||
    top === 'evidence'
  );
}

function readString(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function entrySize(header: Buffer): number {
  const size = parseInt(readString(header, 124, 12).trim() || '0', 8);
  if (!Number.isFinite(size) || size < 0) throw new Error('the backup is damaged: an entry has no readable size');
  return size;
}

/**
 * Keep only the entries that belong in a backup, from a tar archive (gzip or plain, as given). Extended headers
 * (pax 'x', GNU long names 'L') travel with the entry they describe. Returns the archive gzipped, and what was left out.
 */
export function filterBackupArchive(archive: Buffer): { archive: Buffer; left: string[] } {
  const tar = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const kept: Buffer[] = [];
  const left = new Set<string>();
  let pending: Buffer[] = []; // extended headers waiting for their entry
  let longName: string | null = null;
  let offset = 0;
  let database = false;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end of archive
    const size = entrySize(header);
    const span = BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (offset + span > tar.length) throw new Error('the backup is damaged: it ends inside an entry');
    const whole = tar.subarray(offset, offset + span);
    const type = String.fromCharCode(header[156] || 0x30);
    offset += span;
    if (type === 'x' || type === 'L') {
      if (type === 'L') longName = readString(whole, BLOCK, size);
      if (type === 'x')
        longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(whole.subarray(BLOCK, BLOCK + size).toString('utf8'))?.[1] ?? longName;
      pending.push(whole);
      continue;
    }
    const prefix = readString(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${readString(header, 0, 100)}` : readString(header, 0, 100));
    if (name.replace(/^(\.?\/)+/, '') === 'PG_VERSION') database = true;
    if (belongsInBackup(name)) kept.push(...pending, whole);
    else left.add(topLevel(name));
    pending = [];
    longName = null;
  }
  if (offset < tar.length && offset + BLOCK > tar.length) throw new Error('the backup is damaged: it ends inside a header');
  // Without PostgreSQL's own files PGlite would quietly start an empty database: say so instead.
  if (!database) throw new Error('the archive holds no database (no PG_VERSION)');
  kept.push(Buffer.alloc(BLOCK * 2)); // two zero blocks end a tar archive
  return { archive: gzipSync(Buffer.concat(kept)), left: [...left].sort() };
}

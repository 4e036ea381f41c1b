/**
 * npm run backup [-- --out backups/siang.tar.gz]
 * A consistent snapshot of the embedded database, taken while the app runs (the app writes it on request) or not.
 * PostgreSQL and Supabase: use pg_dump instead (docs/operations.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir, DataDirLockedError } from '@/lib/db/data-dir-lock';
import { BACKUP_REQUEST_FILE, writeSnapshot } from '@/lib/db/embedded-backup';
import { env } from '@/lib/env';

async function main() {
  const config = env();
  if (config.dbMode !== 'embedded') {
    throw new Error('npm run backup is for the embedded database. For PostgreSQL or Supabase use pg_dump: see docs/operations.md');
  }
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  const given = values.out ?? path.join('backups', `siang-${stamp}.tar.gz`); // printed as the operator wrote it
  const target = path.resolve(given);
  const dataDir = path.resolve(config.SIANG_DATA_DIR);

  let release: (() => void) | undefined;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    // The server holds the folder: ask it for the snapshot and wait for the file.
    fs.writeFileSync(path.join(dataDir, BACKUP_REQUEST_FILE), JSON.stringify({ target }), { mode: 0o600 });
    process.kill(error.holderPid, 'SIGUSR2');
    for (let waited = 0; waited < 120_000; waited += 250) {
      if (fs.existsSync(target)) {
        console.log(`Backup written by the running server: ${given} (${fs.statSync(target).size} bytes)`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('The running server did not write the backup within two minutes; see its log');
  }
  try {
    const pg = await PGlite.create({ dataDir });
    const bytes = await writeSnapshot(pg, target);
    await pg.close();
    console.log(`Backup written: ${given} (${bytes} bytes)`);
  } finally {
    release();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

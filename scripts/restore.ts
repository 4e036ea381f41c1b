/**
 * npm run restore -- <backup.tar.gz> [--data-dir .data-restored] [--verify]
 * Restores an embedded-database backup into a new, empty folder (never over a folder in use). Then start the app
 * with SIANG_DATA_DIR pointing at it. --verify opens the restored copy and prints what it holds.
 * The restored folder has no lock and no secrets of the source (see docs/operations.md): it starts on this machine
 * beside the running source, or on another machine.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { countRestored, restoreSnapshot } from '@/lib/db/embedded-backup';

const USAGE = 'Usage: npm run restore -- <backup.tar.gz> [--data-dir <new folder>] [--verify]';

async function main() {
  let parsed;
  try {
    parsed = parseArgs({ options: { 'data-dir': { type: 'string' }, verify: { type: 'boolean' } }, allowPositionals: true });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new Error(USAGE);
  // Print the folder as the operator wrote it: a path relative to some other folder (../../../tmp/…) reads as wrong.
  const given = values['data-dir'] ?? `.data-restored-${Date.now()}`;
  const target = path.resolve(given);
  const { left } = await restoreSnapshot(path.resolve(file), target, given);
  console.log(`Restored into ${given}`);
  if (left.length) console.log(`Left out of the archive (not the database): ${left.join(', ')}`);
  if (values.verify) {
    const c = await countRestored(target);
    console.log(`Verified: responses ${c.responses}, suggestions ${c.suggestions}, actions ${c.actions}, staff ${c.staff}`);
    if (c.pendingMigrations.length) {
      console.log(`Migrations the app will apply when it starts: ${c.pendingMigrations.join(', ')}`);
    }
  }
  console.log(`Start the app with SIANG_DATA_DIR=${given}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

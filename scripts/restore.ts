/**
 * npm run restore -- <backup.tar.gz> [--data-dir .data-restored]
 * Restores an embedded-database backup into a new, empty folder (never over a folder in use). Then start the app
 * with SIANG_DATA_DIR pointing at it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { restoreSnapshot } from '@/lib/db/embedded-backup';

async function main() {
  const { values, positionals } = parseArgs({ options: { 'data-dir': { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('Usage: npm run restore -- <backup.tar.gz> [--data-dir <new folder>]');
  const target = path.resolve(values['data-dir'] ?? `.data-restored-${Date.now()}`);
  await restoreSnapshot(path.resolve(file), target);
  console.log(`Restored into ${target}. Start the app with SIANG_DATA_DIR=${path.relative(process.cwd(), target) || target}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

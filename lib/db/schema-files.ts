import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './migrate';

/**
 * The declarative schema's files in the order supabase/config.toml gives (`[db.migrations] schema_paths`, here one
 * glob, sorted as the Supabase CLI sorts a glob's matches: by name).
 */
export function schemaFiles(root = projectRoot()): string[] {
  const dir = path.join(root, 'supabase', 'schemas');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => path.join(dir, f));
}

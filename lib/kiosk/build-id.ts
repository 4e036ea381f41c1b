import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The id `next build` gave this deployment (.next/BUILD_ID), which names the kiosk's offline cache: a new deployment
 * replaces the cache of the one before. 'development' under `next dev`, which has no build.
 */
export function currentBuildId(): string {
  if (cached) return cached;
  try {
    cached =
      fs
        .readFileSync(path.join(process.cwd(), '.next', 'BUILD_ID'), 'utf8')
        .trim()
        .replace(/[^\w-]/g, '') || 'development';
  } catch {
    cached = 'development';
  }
  return cached;
}

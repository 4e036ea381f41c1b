import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from './env';

/**
 * The two server secrets: SESSION_SECRET signs staff sessions; SOURCE_HASH_SECRET keys the hash of client addresses
 * (so a stored hash cannot be reversed by hashing every address). With a database server they must come from the
 * environment (lib/env.ts refuses to start without them). On the embedded database, which only one process can open,
 * they are generated on first start and kept in the data folder (mode 0600), so a fresh machine needs no setup.
 */

interface Secrets {
  session: string;
  sourceHash: string;
}

let cached: Secrets | undefined;

export function secrets(): Secrets {
  if (cached) return cached;
  const config = env();
  if (config.SESSION_SECRET && config.SOURCE_HASH_SECRET) {
    cached = { session: config.SESSION_SECRET, sourceHash: config.SOURCE_HASH_SECRET };
    return cached;
  }
  const file = path.resolve(config.SIANG_DATA_DIR, 'secrets.json');
  let stored: Partial<Secrets> = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Secrets>;
  } catch {
    // first start
  }
  const generated: Secrets = {
    session: config.SESSION_SECRET ?? stored.session ?? randomBytes(48).toString('base64url'),
    sourceHash: config.SOURCE_HASH_SECRET ?? stored.sourceHash ?? randomBytes(48).toString('base64url'),
  };
  if (generated.session !== stored.session || generated.sourceHash !== stored.sourceHash) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(generated), { mode: 0o600 });
  }
  cached = generated;
  return cached;
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * Where evidence files live: Supabase Storage (bucket "evidence") in Supabase mode, a folder beside the data otherwise.
 * Files are named by their database id (a UUID, checked), never by anything a user typed, so no name can reach
 * outside the folder.
 */
export interface EvidenceStore {
  put(id: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  get(id: string): Promise<Uint8Array | null>;
  remove(id: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checked(id: string): string {
  if (!UUID.test(id)) throw new Error('not an evidence id');
  return id;
}

export function localStore(dir: string): EvidenceStore {
  const file = (id: string) => path.join(dir, checked(id));
  return {
    async put(id, bytes) {
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(file(id), bytes, { flag: 'wx', mode: 0o640 });
    },
    async get(id) {
      const target = file(id);
      try {
        return new Uint8Array(await fs.readFile(target));
      } catch {
        return null; // not stored (or removed)
      }
    },
    async remove(id) {
      await fs.rm(file(id), { force: true });
    },
  };
}

async function supabaseStore(): Promise<EvidenceStore> {
  const { createClient } = await import('@supabase/supabase-js');
  const WebSocket = (await import('ws')).default;
  const config = env();
  const bucket = createClient(config.SUPABASE_URL!, config.SUPABASE_SERVICE_ROLE_KEY!, {
    auth: { persistSession: false },
    realtime: { transport: WebSocket as never },
  }).storage.from('evidence');
  return {
    async put(id, bytes, mediaType) {
      const { error } = await bucket.upload(checked(id), bytes, { contentType: mediaType, upsert: false });
      if (error) throw new Error(`Storage refused the file: ${error.message}`);
    },
    async get(id) {
      const { data } = await bucket.download(checked(id));
      return data ? new Uint8Array(await data.arrayBuffer()) : null;
    },
    async remove(id) {
      const { error } = await bucket.remove([checked(id)]);
      if (error) throw new Error(`Storage did not remove the file: ${error.message}`);
    },
  };
}

export async function evidenceStore(): Promise<EvidenceStore> {
  const config = env();
  return config.dbMode === 'supabase' ? supabaseStore() : localStore(path.resolve(config.SIANG_DATA_DIR, 'evidence'));
}

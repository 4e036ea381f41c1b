import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';

/**
 * The tablet's own queue, in IndexedDB (it survives a reload, a crash or a flat battery, unlike memory). Two stores:
 *   queue: presses waiting to be sent; a press leaves it only when the server has answered for it.
 *   held:  presses kept aside after the tablet's code was revoked: never sent, never deleted by the app.
 * Keyed by the press's client key, so writing the same press again (its follow-up answer) replaces it.
 *
 * The layout (database siang-kiosk, version 1, both stores keyed in-line by clientKey) is the one tablets in use already
 * hold: a new layout would strand the presses a tablet had queued when the new version loaded. Every write resolves only
 * once its transaction has committed (idb awaits tx.done), so a press reported queued is on disk.
 */

export interface QueuedPress {
  clientKey: string;
  servicePoint: string;
  rating: number;
  reason?: string;
  pressedAt: string;
  locale: string;
}

interface KioskQueue extends DBSchema {
  queue: { key: string; value: QueuedPress };
  held: { key: string; value: QueuedPress };
}
type Store = 'queue' | 'held';

/** Open, work, close: a connection left open would block a later version of the database in another tab. */
async function withDb<T>(work: (db: IDBPDatabase<KioskQueue>) => Promise<T>): Promise<T> {
  const db = await openDB<KioskQueue>('siang-kiosk', 1, {
    upgrade(db) {
      for (const store of ['queue', 'held'] as const) {
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: 'clientKey' });
      }
    },
  });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

export const putPress = (press: QueuedPress) => withDb((db) => db.put('queue', press));

export const getPress = (clientKey: string) => withDb((db) => db.get('queue', clientKey));

export async function listPresses(store: Store, servicePoint: string): Promise<QueuedPress[]> {
  const all = await withDb((db) => db.getAll(store));
  return all.filter((p) => p.servicePoint === servicePoint).sort((a, b) => a.pressedAt.localeCompare(b.pressedAt));
}

/** Put or delete many presses in one transaction: all of them, or (on an error) none. */
function inOneTransaction(store: Store, work: (s: IDBPObjectStore<KioskQueue, [Store], Store, 'readwrite'>) => Promise<unknown>[]) {
  return withDb(async (db) => {
    const tx = db.transaction(store, 'readwrite');
    await Promise.all([...work(tx.store), tx.done]);
  });
}

export async function removePresses(clientKeys: string[]): Promise<void> {
  if (clientKeys.length > 0) await inOneTransaction('queue', (s) => clientKeys.map((key) => s.delete(key)));
}

/** Move every queued press of this point to the held store, in one transaction each way (held first: never lost). */
export async function holdAll(servicePoint: string): Promise<number> {
  const queued = await listPresses('queue', servicePoint);
  if (queued.length > 0) {
    await inOneTransaction('held', (s) => queued.map((press) => s.put(press)));
    await removePresses(queued.map((p) => p.clientKey));
  }
  return (await listPresses('held', servicePoint)).length;
}

/**
 * The tablet's own queue, in IndexedDB (it survives a reload, a crash or a flat battery, unlike memory). Two stores:
 *   queue: presses waiting to be sent; a press leaves it only when the server has answered for it.
 *   held:  presses kept aside after the tablet's code was revoked: never sent, never deleted by the app.
 * Keyed by the press's client key, so writing the same press again (its follow-up answer) replaces it.
 */

export interface QueuedPress {
  clientKey: string;
  servicePoint: string;
  rating: number;
  reason?: string;
  pressedAt: string;
  locale: string;
}

const DB_NAME = 'siang-kiosk';
type Store = 'queue' | 'held';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      for (const store of ['queue', 'held']) {
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store, { keyPath: 'clientKey' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(store: Store, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const putPress = (press: QueuedPress) => run('queue', 'readwrite', (s) => s.put(press));

export async function getPress(clientKey: string): Promise<QueuedPress | undefined> {
  return run<QueuedPress>('queue', 'readonly', (s) => s.get(clientKey));
}

export async function listPresses(store: Store, servicePoint: string): Promise<QueuedPress[]> {
  const all = (await run<QueuedPress[]>(store, 'readonly', (s) => s.getAll())) ?? [];
  return all.filter((p) => p.servicePoint === servicePoint).sort((a, b) => a.pressedAt.localeCompare(b.pressedAt));
}

export async function removePresses(clientKeys: string[]): Promise<void> {
  if (clientKeys.length === 0) return;
  await run('queue', 'readwrite', (s) => {
    for (const key of clientKeys) s.delete(key);
  });
}

/** Move every queued press of this point to the held store, in one transaction each way (held first: never lost). */
export async function holdAll(servicePoint: string): Promise<number> {
  const queued = await listPresses('queue', servicePoint);
  if (queued.length > 0) {
    await run('held', 'readwrite', (s) => {
      for (const press of queued) s.put(press);
    });
    await removePresses(queued.map((p) => p.clientKey));
  }
  return (await listPresses('held', servicePoint)).length;
}

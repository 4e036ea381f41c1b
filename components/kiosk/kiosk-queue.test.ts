import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect, it } from 'vitest';
import { getPress, holdAll, listPresses, putPress, removePresses, type QueuedPress } from './kiosk-queue';

// A fresh, empty IndexedDB for each test: a tablet that has never queued anything.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const press = (clientKey: string, pressedAt: string, servicePoint = 'waste-fees'): QueuedPress => ({
  clientKey,
  servicePoint,
  rating: 4,
  pressedAt,
  locale: 'th',
});

it('lists a point’s waiting presses oldest first, and writing a press again (its follow-up answer) replaces it', async () => {
  await putPress(press('b', '2026-12-06T10:00:02Z'));
  await putPress(press('a', '2026-12-06T10:00:01Z'));
  await putPress(press('c', '2026-12-06T10:00:03Z', 'civil-registration'));
  await putPress({ ...press('b', '2026-12-06T10:00:02Z'), reason: 'slow' });

  expect((await listPresses('queue', 'waste-fees')).map((p) => [p.clientKey, p.reason])).toEqual([
    ['a', undefined],
    ['b', 'slow'],
  ]);
  expect(await getPress('c')).toMatchObject({ servicePoint: 'civil-registration' });
  expect(await getPress('unknown')).toBeUndefined();
});

it('removes only the presses the server answered for', async () => {
  for (const [i, key] of ['a', 'b', 'c'].entries()) await putPress(press(key, `2026-12-06T10:00:0${i}Z`));
  await removePresses(['a', 'c']);
  await removePresses([]);
  expect((await listPresses('queue', 'waste-fees')).map((p) => p.clientKey)).toEqual(['b']);
});

it('a revoked tablet moves its point’s queue aside: held, never sent again, other points untouched', async () => {
  await putPress(press('a', '2026-12-06T10:00:01Z'));
  await putPress(press('b', '2026-12-06T10:00:02Z'));
  await putPress(press('c', '2026-12-06T10:00:03Z', 'civil-registration'));

  expect(await holdAll('waste-fees')).toBe(2);
  expect(await listPresses('queue', 'waste-fees')).toEqual([]);
  expect((await listPresses('held', 'waste-fees')).map((p) => p.clientKey)).toEqual(['a', 'b']);
  expect((await listPresses('queue', 'civil-registration')).map((p) => p.clientKey)).toEqual(['c']);
  expect(await holdAll('waste-fees')).toBe(2); // again, with nothing queued: the held presses stay
});

it('reads the queue a tablet already holds: the layout written before idb (siang-kiosk v1, keyed in-line)', async () => {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('siang-kiosk', 1);
    request.onupgradeneeded = () => {
      for (const store of ['queue', 'held']) request.result.createObjectStore(store, { keyPath: 'clientKey' });
    };
    request.onsuccess = () => {
      const tx = request.result.transaction('queue', 'readwrite');
      tx.objectStore('queue').put(press('old', '2026-12-01T08:00:00Z'));
      tx.oncomplete = () => {
        request.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });

  expect((await listPresses('queue', 'waste-fees')).map((p) => p.clientKey)).toEqual(['old']);
  await removePresses(['old']);
  expect(await listPresses('queue', 'waste-fees')).toEqual([]);
});

import { afterEach, describe, expect, it } from 'vitest';
import { openedDbHolder, probeOpenedDb } from './opened-db';
import type { Db } from './types';

/** A database whose migrationState() answers or fails as the server behind it would. */
function fakeDb(answers: () => boolean): Db {
  return {
    migrationState: async () => {
      if (!answers()) throw new Error('ECONNREFUSED');
      return { applied: [], pending: [] };
    },
  } as unknown as Db;
}

describe('probeOpenedDb, the proxy asking the routes’ database', () => {
  afterEach(() => {
    openedDbHolder.__siangDb = undefined;
  });

  it('fails while no database is open, and opens none', async () => {
    await expect(probeOpenedDb()).rejects.toThrow('not open');
    expect(openedDbHolder.__siangDb).toBeUndefined();
  });

  it('asks the open database, and succeeds only once it answers', async () => {
    let up = false;
    openedDbHolder.__siangDb = Promise.resolve(fakeDb(() => up));
    await expect(probeOpenedDb()).rejects.toThrow('ECONNREFUSED');
    up = true;
    await expect(probeOpenedDb()).resolves.toBeUndefined();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { dbDownSince, dbStillDown, noteDbAvailable, noteDbUnavailable } from './availability';

describe('database availability, as the proxy sees it', () => {
  afterEach(() => noteDbAvailable());

  it('is up until a call finds the server unreachable, and never probes while up', async () => {
    let probes = 0;
    expect(await dbStillDown(async () => probes++)).toBe(false);
    expect(probes).toBe(0);
    noteDbUnavailable();
    expect(dbDownSince()).toBeTypeOf('number');
  });

  it('asks the database again at most once a second, and clears the note when it answers', async () => {
    noteDbUnavailable();
    let up = false;
    let probes = 0;
    const probe = async () => {
      probes++;
      if (!up) throw new Error('ECONNREFUSED');
    };
    expect(await dbStillDown(probe, 10_000)).toBe(true);
    expect(await dbStillDown(probe, 10_500)).toBe(true); // within the second: the last answer, no new probe
    expect(probes).toBe(1);
    up = true;
    expect(await dbStillDown(probe, 11_100)).toBe(false);
    expect(dbDownSince()).toBeUndefined();
  });
});

import { expect, it } from 'vitest';
import { onEveryDatabase } from './databases';
import { ownerQuery, submission, submit } from './fixtures';

/**
 * Many citizens share one municipal Wi-Fi address, so nothing is refused for coming from one address. Beyond the
 * configured number per address (or device) and service point within the window, responses are kept but flagged.
 */
onEveryDatabase('ballot stuffing', (db) => {
  const flags = async (column: 'source_hash' | 'device_key', value: string) =>
    (await ownerQuery<{ flag: string | null }>(db(), `select flag from response where ${column} = $1 order by created_at, reference`, [value])).map((r) => r.flag);

  it('keeps every response from one address, and flags those beyond the cap per service point and window', async () => {
    for (let i = 0; i < 8; i++) await submit(db(), submission({ source_hash: 'address-a', overall_rating: 1 }));
    expect(await flags('source_hash', 'address-a')).toEqual([null, null, null, ...Array(5).fill('burst_address')]);
    // Another service point from the same address, and another address at the same point, are counted apart.
    await submit(db(), submission({ source_hash: 'address-a', service_point: 'waste-fees' }));
    await submit(db(), submission({ source_hash: 'address-b' }));
    expect(await flags('source_hash', 'address-b')).toEqual([null]);
    const [{ n }] = (await ownerQuery<{ n: number }>(db(), "select count(*)::int as n from response where source_hash = 'address-a' and flag is null")) as [{ n: number }];
    expect(n).toBe(4);
  });

  it('flags a burst from one device, and counts a burst exactly even when it arrives all at once', async () => {
    for (let i = 0; i < 4; i++) await submit(db(), submission({ device_key: 'device-1' }));
    expect(await flags('device_key', 'device-1')).toEqual([null, null, 'burst_device', 'burst_device']);

    await Promise.all(Array.from({ length: 20 }, () => submit(db(), submission({ source_hash: 'address-c', overall_rating: 1 }))));
    const counted = (await flags('source_hash', 'address-c')).filter((f) => f === null);
    expect(counted).toHaveLength(3);
  });

  it('uses the municipality’s own settings', async () => {
    await ownerQuery(db(), 'update organisation set burst_max_per_source = 1');
    await submit(db(), submission({ source_hash: 'address-d' }));
    await submit(db(), submission({ source_hash: 'address-d' }));
    expect(await flags('source_hash', 'address-d')).toEqual([null, 'burst_address']);
    await ownerQuery(db(), 'update organisation set burst_max_per_source = 3');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded } from '../../lib/db/pglite';
import { restoreSnapshot, writeSnapshot } from '../../lib/db/embedded-backup';
import { submission, submit } from './fixtures';

/** The embedded database's backup: taken while in use, restored into a fresh folder, every response there. */
describe('embedded backup and restore', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-backup-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('restores into a fresh folder with every response, and refuses to restore over a folder in use', async () => {
    const live = await openEmbedded({ dataDir: path.join(root, 'live') });
    const references: string[] = [];
    for (let i = 0; i < 25; i++) {
      references.push((await submit(live, submission({ overall_rating: (i % 5) + 1, suggestion: { text: `ข้อความ ${i} 🙂` } }))).reference);
    }
    // Submissions keep arriving while the snapshot is taken: it must be one consistent moment.
    const during = Promise.all(Array.from({ length: 10 }, () => submit(live, submission())));
    const file = path.join(root, 'backup.tar.gz');
    await writeSnapshot(live.pglite, file);
    await during;
    await live.close();

    await expect(restoreSnapshot(file, path.join(root, 'live'))).rejects.toThrow(/not empty/);
    await restoreSnapshot(file, path.join(root, 'restored'));
    const restored = await openEmbedded({ dataDir: path.join(root, 'restored') });
    const rows = await restored.ownerQuery<{ reference: string; body: string | null }>(
      'select r.reference, s.body from response r left join suggestion s on s.response_id = r.id',
    );
    const found = new Set(rows.map((r) => r.reference));
    for (const reference of references) expect(found.has(reference), reference).toBe(true);
    expect(rows.filter((r) => r.body?.endsWith('🙂'))).toHaveLength(25);
    // Each of the ten concurrent submissions is either wholly in the backup or wholly not: no half-stored response.
    const [{ orphans }] = (await restored.ownerQuery<{ orphans: number }>(
      'select count(*)::int as orphans from suggestion s where not exists (select 1 from response r where r.id = s.response_id)',
    )) as [{ orphans: number }];
    expect(orphans).toBe(0);
    expect((await restored.migrationState()).pending).toEqual([]);
    await restored.close();
  });
});

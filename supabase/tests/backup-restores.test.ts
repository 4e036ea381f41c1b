import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../../lib/db/data-dir-lock';
import { restoreSnapshot, writeSnapshot } from '../../lib/db/embedded-backup';
import { openEmbedded } from '../../lib/db/pglite';
import { openEmbeddedThread } from '../../lib/db/pglite-thread';
import { ownerQuery, submission, submit } from './fixtures';

/**
 * Issue 23, as an operator tried it: a backup taken while the server ran carried the server's siang.lock, so the
 * restored folder read as "in use" and a second server on it never served. A backup holds the database and its
 * evidence files only; a restored folder opens beside its running source; restore prints the folder as given.
 * The archive is listed with the system's tar, not with the code under test.
 */

const NOT_THE_DATABASE = ['siang.lock', 'secrets.json', 'demo-accounts.json', 'backup-request.json', 'server.log'];
// Each case opens two or three data folders; on a busy two-core machine initdb alone can take a minute.
const SLOW = 240_000;
const entries = (file: string) =>
  execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((n) => n.replace(/^(\.?\/)+/, ''));

/** A data folder that starts from the suite's migrated snapshot (global-setup.ts) instead of running initdb. */
async function preparedFolder(dir: string): Promise<string> {
  const snapshot = process.env.SIANG_PGLITE_SNAPSHOT;
  if (snapshot) await restoreSnapshot(snapshot, dir);
  return dir;
}

describe('a backup that restores (embedded)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-restores-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it(
    'holds the database and the evidence, never the lock or the app’s own files; the copy opens beside its running source',
    async () => {
      const liveDir = path.join(root, 'live');
      // The server's transport (a worker thread) takes the backup, as it does for `npm run backup` while it runs.
      const live = await openEmbeddedThread({ dataDir: await preparedFolder(liveDir) });
      try {
        for (let i = 0; i < 12; i++) await submit(live, submission({ overall_rating: (i % 5) + 1, suggestion: { text: `ข้อ ${i}` } }));
        fs.writeFileSync(path.join(liveDir, 'secrets.json'), '{"session":"s","sourceHash":"h"}');
        fs.writeFileSync(path.join(liveDir, 'demo-accounts.json'), '{"admin@siang.demo":"a-password"}');
        fs.writeFileSync(path.join(liveDir, 'backup-request.json'), '{"target":"/elsewhere"}');
        fs.writeFileSync(path.join(liveDir, 'server.log'), 'log line\n');
        const evidenceId = randomUUID();
        fs.mkdirSync(path.join(liveDir, 'evidence'));
        fs.writeFileSync(path.join(liveDir, 'evidence', evidenceId), 'photo bytes');
        expect(fs.existsSync(path.join(liveDir, 'siang.lock'))).toBe(true);

        const file = path.join(root, 'live.tar.gz');
        await writeSnapshot(live, file);
        const names = entries(file);
        for (const name of NOT_THE_DATABASE) expect(names, name).not.toContain(name);
        expect(names).toContain('PG_VERSION');
        expect(names).toContain(`evidence/${evidenceId}`);

        // Restored and opened as the server opens it, on this machine, while the source still runs and holds its folder.
        const copyDir = path.join(root, 'copy');
        const { left } = await restoreSnapshot(file, copyDir);
        expect(left).toEqual([]);
        expect(fs.readdirSync(copyDir).filter((n) => NOT_THE_DATABASE.includes(n))).toEqual([]);
        expect(fs.readFileSync(path.join(copyDir, 'evidence', evidenceId), 'utf8')).toBe('photo bytes');
        const copy = await openEmbeddedThread({ dataDir: copyDir });
        try {
          const count = 'select count(*)::int as n from response';
          expect(await ownerQuery(copy, count)).toEqual([{ n: 12 }]);
          await submit(live, submission()); // after the backup: in the source only
          expect(await ownerQuery(live, count)).toEqual([{ n: 13 }]);
          expect(await ownerQuery(copy, count)).toEqual([{ n: 12 }]);
          expect((await copy.migrationState()).pending).toEqual([]);
        } finally {
          await copy.close();
        }
      } finally {
        await live.close();
      }
    },
    SLOW,
  );

  it(
    'restores a backup made before the fix (with a lock from another machine, and secrets) into a folder that opens',
    async () => {
      const oldDir = path.join(root, 'old');
      const source = await openEmbedded({ dataDir: await preparedFolder(oldDir) });
      await submit(source, submission({ overall_rating: 4 }));
      // What an old backup held: the whole folder, with the lock of a server on another machine.
      fs.writeFileSync(path.join(oldDir, 'siang.lock'), JSON.stringify({ pid: 1, host: 'the-old-server', since: '2026-01-01' }));
      fs.writeFileSync(path.join(oldDir, 'secrets.json'), '{"session":"s","sourceHash":"h"}');
      const raw = Buffer.from(await (await source.pglite.dumpDataDir('gzip')).arrayBuffer());
      await source.close();
      const file = path.join(root, 'old.tar.gz');
      fs.writeFileSync(file, raw);
      expect(entries(file)).toContain('siang.lock'); // the test's premise: this archive would carry the lock

      const { left } = await restoreSnapshot(file, path.join(root, 'old-restored'));
      expect(left).toEqual(expect.arrayContaining(['secrets.json', 'siang.lock']));
      const restored = await openEmbedded({ dataDir: path.join(root, 'old-restored') }).catch((error: Error) => error);
      expect(restored).not.toBeInstanceOf(DataDirLockedError);
      if (restored instanceof Error) throw restored;
      expect(await ownerQuery(restored, 'select count(*)::int as n from response where overall_rating = 4')).toEqual([{ n: 1 }]);
      await restored.close();
    },
    SLOW,
  );

  it(
    'npm run restore prints the folder as given and, with --verify, what the copy holds; a bad file is a clear error',
    async () => {
      const dir = path.join(root, 'cli-source');
      const source = await openEmbedded({ dataDir: await preparedFolder(dir) });
      for (let i = 0; i < 3; i++) await submit(source, submission({ suggestion: { text: `cli ${i}` } }));
      await submit(source, submission());
      const file = path.join(root, 'cli.tar.gz');
      await writeSnapshot(source.pglite, file);
      const [{ staff }] = (await ownerQuery<{ staff: number }>(source, 'select count(*)::int as staff from staff')) as [{ staff: number }];
      await source.close();

      const tsx = path.resolve('node_modules', '.bin', 'tsx');
      const target = path.join(root, 'cli-restored'); // absolute, outside the project: printed as is, not as ../../…
      const ok = spawnSync(tsx, ['scripts/restore.ts', file, '--data-dir', target, '--verify'], { encoding: 'utf8' });
      expect(ok.stderr).toBe('');
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain(`Restored into ${target}\n`);
      expect(ok.stdout).toContain(`Verified: responses 4, suggestions 3, actions 0, staff ${staff}\n`);
      expect(ok.stdout).toContain(`SIANG_DATA_DIR=${target}\n`);
      expect(ok.stdout).not.toContain('../');

      fs.writeFileSync(path.join(root, 'not-a-backup.tar.gz'), 'hello');
      const bad = spawnSync(tsx, ['scripts/restore.ts', path.join(root, 'not-a-backup.tar.gz'), '--data-dir', path.join(root, 'bad')], {
        encoding: 'utf8',
      });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/is not a Siang backup/);
      expect(bad.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      const busy = spawnSync(tsx, ['scripts/restore.ts', file, '--data-dir', target], { encoding: 'utf8' });
      expect(busy.status).toBe(1);
      expect(busy.stderr).toContain(`${target} is not empty`);
    },
    SLOW,
  );
});

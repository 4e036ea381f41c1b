import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSnapshot, writeSnapshot } from '../../lib/db/embedded-backup';
import { runTableMaintenance, tablesDue } from '../../lib/db/table-maintenance';
import { openEmbedded } from '../../lib/db/pglite';
import { openEmbeddedThread, type ThreadedEmbeddedDb } from '../../lib/db/pglite-thread';
import { anon, serviceRole } from '../../lib/db/types';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * The embedded database as the server opens it: PGlite on a worker thread (lib/db/pglite-thread.ts). The SQL is the
 * same as in-process (the other database tests); these prove the thread carries calls, errors, transactions,
 * concurrency, backups and the folder lock as the in-process transport does.
 */
describe('the embedded database on its own thread', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-thread-'));
  const folder = path.join(root, 'data');
  let db: ThreadedEmbeddedDb;
  beforeAll(async () => {
    db = await openEmbeddedThread({ dataDir: folder });
  }, 60_000);
  afterAll(async () => {
    await db?.close().catch(() => undefined);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers calls as each caller, with refusals and permission errors as the database raised them', async () => {
    expect((await db.migrationState()).pending).toEqual([]);
    const form = await db.rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, anon);
    expect(JSON.stringify(form)).toContain('civil-registration');
    const stored = await submit(db, submission({ overall_rating: 5, answers: { staff_polite: 4 } }));
    expect(stored).toMatchObject({ created: true, reference: expect.stringMatching(/^KP-\d{4}-\d{6}$/) });
    expect(await refusal(submit(db, submission({ answers: { staff_polite: 9 } })))).toMatchObject({
      code: '22023',
      message: 'invalid_rating',
      detail: 'answers.staff_polite',
    });
    expect((await refusal(db.query('select count(*) from public.response', [], anon))).code).toBe('42501');
    expect((await refusal(db.rpc('submit_response', { p_submission: submission() }, anon))).code).toBe('42501');
  });

  it('rolls a failed transaction back and goes on: nothing of it stays, the next call works', async () => {
    // A NUL cannot travel in a script, so this call takes the interactive transaction (begin, role, claims, call).
    const failure = await refusal(db.rpc('survey_form', { p_service_point: 'civil\u0000-registration', p_locale: 'th' }, anon));
    expect(failure.code).toMatch(/^22/);
    const before = await ownerQuery<{ n: number }>(db, 'select count(*)::int as n from response');
    expect((await refusal(db.query("insert into public.division (slug, name) values ('x', '{}')", [], serviceRole))).code).toMatch(
      /^[0-9A-Z]{5}$/,
    );
    expect(await ownerQuery(db, "select 1 from division where slug = 'x'")).toEqual([]);
    const [row] = await ownerQuery<{ who: string; claims: string | null }>(
      db,
      "select current_user as who, nullif(current_setting('request.jwt.claims', true), '') as claims",
    );
    expect(row).toMatchObject({ who: expect.not.stringMatching(/^(anon|authenticated|service_role)$/), claims: null });
    expect(await ownerQuery(db, 'select count(*)::int as n from response')).toEqual(before);
    expect((await submit(db, submission())).created).toBe(true);
  });

  it('serves many calls at once, each whole, and snapshots while they run', async () => {
    const file = path.join(root, 'backup.tar.gz');
    const [results] = await Promise.all([
      Promise.all(
        Array.from({ length: 30 }, (_, i) => submit(db, submission({ overall_rating: (i % 5) + 1, suggestion: { text: `ข้อ ${i}` } }))),
      ),
      writeSnapshot(db, file),
    ]);
    expect(new Set(results.map((r) => r.reference)).size).toBe(30);
    await restoreSnapshot(file, path.join(root, 'restored'));
    const restored = await openEmbedded({ dataDir: path.join(root, 'restored') });
    try {
      const [{ orphans }] = (await restored.ownerQuery<{ orphans: number }>(
        'select count(*)::int as orphans from suggestion s where not exists (select 1 from response r where r.id = s.response_id)',
      )) as [{ orphans: number }];
      expect(orphans).toBe(0);
    } finally {
      await restored.close();
    }
  });

  it('reports a crashed thread once, fails its calls as unavailable, and lets the folder be opened again', async () => {
    const lost: Error[] = [];
    const other = path.join(root, 'crash');
    const doomed = await openEmbeddedThread({ dataDir: other, onLost: (error) => lost.push(error) });
    const stored = await submit(doomed, submission());
    await doomed.thread.terminate(); // as a fatal error in WebAssembly would end it
    await expect(submit(doomed, submission())).rejects.toMatchObject({ name: 'DbUnavailableError' });
    expect(lost).toHaveLength(1);
    expect(fs.existsSync(path.join(other, 'siang.lock'))).toBe(false);
    const reopened = await openEmbeddedThread({ dataDir: other });
    try {
      expect(await reopened.ownerQuery('select reference from response where id = $1', [stored.responseId])).toEqual([
        { reference: stored.reference },
      ]);
    } finally {
      await reopened.close();
    }
    expect(lost).toHaveLength(1); // a close is not a loss
  }, 60_000);

  it('carries the table maintenance (VACUUM outside a transaction) to the thread', async () => {
    // What the maintenance decides is tested on every database in table-maintenance.test.ts; here, that the thread
    // runs it: VACUUM cannot run inside a transaction block, so a transport that wrapped it would fail here.
    for (let i = 0; i < 60; i++) await submit(db, submission());
    await db.rpc('stat_fold_pending', { p_settle_seconds: 0, p_limit: 1000 }, serviceRole);
    expect(await tablesDue(db)).toContainEqual({ name: 'public.stat_pending', vacuum: true, analyze: true });
    await runTableMaintenance(db);
    expect(await db.ownerQuery("select n_dead_tup::int as dead from pg_stat_user_tables where relname = 'stat_pending'")).toEqual([
      { dead: 0 },
    ]);
    expect(await tablesDue(db)).toEqual([]);
  });

  it('holds the folder while open, and gives it up when closed', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'siang.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await db.close();
    expect(fs.existsSync(path.join(folder, 'siang.lock'))).toBe(false);
    await expect(db.rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, anon)).rejects.toMatchObject({
      name: 'DbUnavailableError',
    });
    const again = await openEmbeddedThread({ dataDir: folder });
    try {
      const [{ n }] = (await again.ownerQuery<{ n: number }>('select count(*)::int as n from response')) as [{ n: number }];
      expect(n).toBeGreaterThanOrEqual(32);
    } finally {
      await again.close();
    }
  }, 60_000);
});

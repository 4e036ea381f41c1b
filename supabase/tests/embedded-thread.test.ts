import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSnapshot, writeSnapshot } from '../../lib/db/embedded-backup';
import { runEmbeddedMaintenance, tablesDue } from '../../lib/db/embedded-maintenance';
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
    const form = await db.rpc<Record<string, unknown>>('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, anon);
    expect(JSON.stringify(form)).toContain('civil-registration');
    const stored = await submit(db, submission({ overall_rating: 5, answers: { staff_polite: 4 } }));
    expect(stored).toMatchObject({ created: true, reference: expect.stringMatching(/^KP-\d{4}-\d{6}$/) });
    expect(await refusal(submit(db, submission({ answers: { staff_polite: 9 } })))).toMatchObject({
      code: '22023', message: 'invalid_rating', detail: 'answers.staff_polite' });
    expect((await refusal(db.query('select count(*) from public.response', [], anon))).code).toBe('42501');
    expect((await refusal(db.rpc('submit_response', { p_submission: submission() }, anon))).code).toBe('42501');
  });

  it('rolls a failed transaction back and goes on: nothing of it stays, the next call works', async () => {
    // A NUL cannot travel in a script, so this call takes the interactive transaction (begin, role, claims, call).
    const failure = await refusal(db.rpc('track_response', { p_reference: 'KP\u0000-2570', p_locale: 'th' }, anon));
    expect(failure.code).toMatch(/^22/);
    const before = await ownerQuery<{ n: number }>(db, 'select count(*)::int as n from response');
    expect((await refusal(db.query("insert into public.division (slug, name) values ('x', '{}')", [], serviceRole))).code).toMatch(/^[0-9A-Z]{5}$/);
    expect(await ownerQuery(db, "select 1 from division where slug = 'x'")).toEqual([]);
    const [row] = await ownerQuery<{ who: string; claims: string | null }>(db,
      "select current_user as who, nullif(current_setting('request.jwt.claims', true), '') as claims");
    expect(row).toMatchObject({ who: expect.not.stringMatching(/^(anon|authenticated|service_role)$/), claims: null });
    expect(await ownerQuery(db, 'select count(*)::int as n from response')).toEqual(before);
    expect((await submit(db, submission())).created).toBe(true);
  });

  it('serves many calls at once, each whole, and snapshots while they run', async () => {
    const file = path.join(root, 'backup.tar.gz');
    const [results] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, (_, i) => submit(db, submission({ overall_rating: (i % 5) + 1, suggestion: { text: `ข้อ ${i}` } })))),
      writeSnapshot(db, file),
    ]);
    expect(new Set(results.map((r) => r.reference)).size).toBe(30);
    await restoreSnapshot(file, path.join(root, 'restored'));
    const restored = await openEmbedded({ dataDir: path.join(root, 'restored') });
    try {
      const [{ orphans }] = (await restored.ownerQuery<{ orphans: number }>(
        'select count(*)::int as orphans from suggestion s where not exists (select 1 from response r where r.id = s.response_id)')) as [{ orphans: number }];
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
      expect(await reopened.ownerQuery('select reference from response where id = $1', [stored.responseId])).toEqual([{ reference: stored.reference }]);
    } finally {
      await reopened.close();
    }
    expect(lost).toHaveLength(1); // a close is not a loss
  }, 60_000);

  it('is vacuumed and analysed as autovacuum would do it, which PGlite does not run', async () => {
    const items = ['process_simple', 'process_speed', 'process_posted', 'process_queue', 'staff_polite', 'staff_attentive',
      'staff_equal', 'facilities_seating', 'facilities_signs', 'facilities_clean', 'outcome_needs_met', 'outcome_correct'];
    for (let i = 0; i < 120; i++) {
      await submit(db, submission({ overall_rating: (i % 5) + 1, answers: Object.fromEntries(items.map((code) => [code, (i % 5) + 1])) }));
    }
    // The fold empties the queue: 120 dead rows in stat_pending, as on a server after each run.
    await db.rpc('stat_fold_pending', { p_settle_seconds: 0, p_limit: 1000 }, serviceRole);
    const statistics = (table: string) => db.ownerQuery<{ dead: number; changed: number; analysed: boolean; tuples: number }>(
      `select s.n_dead_tup::int as dead, s.n_mod_since_analyze::int as changed, s.last_analyze is not null as analysed,
              c.reltuples::int as tuples
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.schemaname = 'public' and s.relname = $1`, [table]);
    const due = await tablesDue(db); // (which also makes the counters current)
    expect((await statistics('stat_pending'))[0]!.dead).toBeGreaterThanOrEqual(120);
    expect(due).toEqual(expect.arrayContaining([
      { name: 'public.response', vacuum: false, analyze: true }, // never analysed; 150+ inserted, under 1,000
      { name: 'public.response_answer', vacuum: true, analyze: true }, // 1,440 inserted: over 1,000 + 20 %
      { name: 'public.stat_pending', vacuum: true, analyze: true }, // dead rows over 50 + 2 % (its own scale factor)
    ]));

    const done = await runEmbeddedMaintenance(db);
    expect(done).toEqual(due);
    expect(await statistics('stat_pending')).toEqual([{ dead: 0, changed: 0, analysed: true, tuples: 0 }]);
    const [response] = await statistics('response');
    expect(response).toMatchObject({ changed: 0, analysed: true });
    expect(response!.tuples).toBeGreaterThanOrEqual(150);
    expect(await tablesDue(db)).toEqual([]); // nothing left due until the data changes again
  });

  it('holds the folder while open, and gives it up when closed', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'siang.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await db.close();
    expect(fs.existsSync(path.join(folder, 'siang.lock'))).toBe(false);
    await expect(db.rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'th' }, anon)).rejects.toMatchObject({ name: 'DbUnavailableError' });
    const again = await openEmbeddedThread({ dataDir: folder });
    try {
      const [{ n }] = (await again.ownerQuery<{ n: number }>('select count(*)::int as n from response')) as [{ n: number }];
      expect(n).toBeGreaterThanOrEqual(32);
    } finally {
      await again.close();
    }
  }, 60_000);
});

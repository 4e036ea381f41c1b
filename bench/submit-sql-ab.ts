/**
 * npm run bench:submit-ab -- --b-sql change.sql [--a-sql base.sql] [--kind full|one-tap] [--rounds 20] [--per-round 150] [--block 10]
 *
 * Is a change to the database cheaper for a submission? Two embedded databases in this process, both migrated as
 * the app's, B (and A, if given) with an SQL file applied on top; then the same submissions through the app's call
 * (submit_citizen_response as one script, lib/db/acting-as.ts) against each, alternating every --block calls within
 * each round, and the CPU time of this process per call (PGlite runs in it, so that is the database's work plus the
 * call's). Prints each round's B ÷ A and their median.
 *
 * Why this way: on these virtual machines identical runs of bench:submit differ by ±10 % and more, and no hardware
 * counters are available; two databases side by side in one process see the same machine, and alternating every 10
 * calls puts the machine's slow spells (a fraction of a second) on both sides. An A/A run (no --b-sql) spreads ±0.1
 * per round with a median of 0.997; alternating whole rounds of 150 spread ±0.3 and gave medians of 0.92 and 1.06 for
 * a change with no effect. Still, repeat a run before believing a difference under ~3 %.
 * To measure a migration not yet applied, move it out of supabase/migrations and pass it as --b-sql.
 * Not a test: it never fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openEmbedded } from '@/lib/db/pglite';
import { serviceRole, type SqlDb } from '@/lib/db/types';
import { median, sqlSubmission } from './lib';

const { values } = parseArgs({
  options: {
    'a-sql': { type: 'string' },
    'b-sql': { type: 'string' },
    kind: { type: 'string', default: 'full' },
    rounds: { type: 'string', default: '20' },
    'per-round': { type: 'string', default: '150' },
    warm: { type: 'string', default: '1500' },
    block: { type: 'string', default: '10' },
  },
});
const ROUNDS = Number(values.rounds);
const PER_ROUND = Number(values['per-round']);
const WARM = Number(values.warm);
const BLOCK = Number(values.block);
if (!['full', 'one-tap'].includes(values.kind!) || ![ROUNDS, PER_ROUND, WARM, BLOCK].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('Usage: --kind full|one-tap, --rounds, --per-round, --warm and --block positive whole numbers.');
  process.exit(2);
}
const readSql = (file: string | undefined) => {
  if (file === undefined) return undefined;
  if (!fs.existsSync(file)) {
    console.error(`No such file: ${file}`);
    process.exit(2);
  }
  return fs.readFileSync(file, 'utf8');
};
const aSql = readSql(values['a-sql']);
const bSql = readSql(values['b-sql']);

const call = (db: SqlDb) =>
  db.rpc(
    'submit_citizen_response',
    { p_submission: sqlSubmission(values.kind as 'full' | 'one-tap'), p_flood_per_minute: 1_000_000 },
    serviceRole,
  );

/** CPU of this process per call, for `calls` calls on `db`. */
async function cpuOf(db: SqlDb, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await call(db);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * One round: PER_ROUND calls on each database, in blocks of BLOCK alternating A and B (which goes first alternates
 * too), so that a slow spell of the machine (these virtual machines have them, a fraction of a second long) falls on
 * both alike instead of on one side of the round. The CPU per call of each side.
 */
async function round(a: SqlDb, b: SqlDb, r: number): Promise<{ a: number; b: number }> {
  let cpuA = 0;
  let cpuB = 0;
  for (let done = 0, k = 0; done < PER_ROUND; done += BLOCK, k++) {
    const n = Math.min(BLOCK, PER_ROUND - done);
    if ((r + k) % 2 === 0) {
      cpuA += await cpuOf(a, n);
      cpuB += await cpuOf(b, n);
    } else {
      cpuB += await cpuOf(b, n);
      cpuA += await cpuOf(a, n);
    }
  }
  return { a: cpuA / PER_ROUND, b: cpuB / PER_ROUND };
}

async function prepared(sql: string | undefined) {
  const db = await openEmbedded({});
  if (sql) await db.exec(sql);
  // Tables of a realistic size, then analysed as the table maintenance would: plans made on empty tables would
  // otherwise read every row (PGlite has no autovacuum).
  for (let i = 0; i < WARM; i++) await call(db);
  await db.exec('analyze');
  return db;
}

async function main() {
  console.log(
    `Machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${values.kind} submissions; A ${values['a-sql'] ?? '(the migrations)'}, B ${values['b-sql'] ?? '(the migrations)'}; ` +
      `${WARM} to warm each, then ${ROUNDS} rounds of ${PER_ROUND}, alternating every ${BLOCK}`,
  );
  const a = await prepared(aSql);
  const b = await prepared(bSql);
  try {
    const rounds: { a: number; b: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(await round(a, b, r));
    }
    const ratios = rounds.map((r) => r.b / r.a);
    console.log(
      `CPU per call, medians: A ${median(rounds.map((r) => r.a)).toFixed(3)} ms, B ${median(rounds.map((r) => r.b)).toFixed(3)} ms`,
    );
    console.log(`B ÷ A: median ${median(ratios).toFixed(3)}; rounds ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    await a.close();
    await b.close();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

/**
 * npm run bench:dashboard [-- --sizes 100000,1000000,5000000] [--pglite-sizes 100000] [--runs 5] [--pending 200,2000]
 *
 * The dashboard's data (satisfaction_stats) for one fiscal year, unfiltered and filtered by division, at growing
 * numbers of responses over three fiscal years and 200 service points, on PostgreSQL (BENCH_DATABASE_URL, default
 * the local server) and on PGlite. Each figure is the median of --runs calls; in the same run, the naive GROUP BY over
 * the raw rows (overall and per item, one fiscal year) for the ratio; and the same call again with --pending responses
 * of that year not yet folded into the rollups (new responses wait for the fold job; readers add them from the raw
 * rows), which are then folded before the next size. Not a test: it never fails on time.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openEmbedded } from '@/lib/db/pglite';
import { openPostgres } from '@/lib/db/postgres';
import { serviceRole, type SqlDb } from '@/lib/db/types';
import { createDatabase } from '../scripts/drills/lib/app';
import { generate } from './generate-responses';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000,5000000' },
    'pglite-sizes': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    pending: { type: 'string', default: '200,2000' },
  },
});
const RUNS = Number(values.runs);
const PENDING = values
  .pending!.split(',')
  .map(Number)
  .sort((a, b) => a - b);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FISCAL_YEAR = 2569; // the middle of the three generated years

async function median(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  await work(); // warm
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const NAIVE = `
  select coalesce(i.code, 'overall') as code, count(*) as n, avg(x.rating) as mean, stddev_samp(x.rating) as sd
  from (
    select null::bigint as item_id, r.overall_rating as rating from response r
    where r.flag is null and r.created_at >= timestamptz '2025-10-01 00:00+07' and r.created_at < timestamptz '2026-10-01 00:00+07'
    union all
    select a.item_id, a.rating from response_answer a join response r on r.id = a.response_id
    where r.flag is null and r.created_at >= timestamptz '2025-10-01 00:00+07' and r.created_at < timestamptz '2026-10-01 00:00+07'
  ) x left join survey_item i on i.id = x.item_id
  group by i.code`;

async function measure(label: string, db: SqlDb, size: number) {
  await generate(db, size);
  const stats = (filter: object) => () => db.rpc('satisfaction_stats', { p_filter: filter, p_locale: 'th' }, serviceRole);
  const unfiltered = await median(stats({ fiscalYear: FISCAL_YEAR }));
  const division = await median(stats({ fiscalYear: FISCAL_YEAR, division: 'bench-3' }));
  const naive = await median(() => db.ownerQuery(NAIVE));
  // New responses as the app stores them (the insert trigger queues them), with answers, in the measured year.
  const withPending: number[] = [];
  let queued = 0;
  for (const pending of PENDING) {
    await db.exec(`
      with fresh as (
        insert into response (client_key, reference, service_point_id, survey_version_id, channel, overall_rating, created_at, updated_at, is_demo)
        select gen_random_uuid(), 'BP-' || gen_random_uuid(), (select (array_agg(id order by id))[1 + (g % 200)] from service_point where slug like 'bench-%'),
               (select id from survey_version where status = 'published'), 'qr', 1 + (g % 5),
               timestamptz '2025-10-01 00:00+07' + (random() * interval '364 days'), now(), true
        from generate_series(1, ${pending - queued}) g
        returning id, survey_version_id, overall_rating
      )
      insert into response_answer (response_id, survey_version_id, item_id, rating)
      select f.id, f.survey_version_id, i.id, f.overall_rating from fresh f
      join survey_item i on i.survey_version_id = f.survey_version_id and i.position <= 2;`);
    queued = pending;
    withPending.push(await median(stats({ fiscalYear: FISCAL_YEAR })));
  }
  await db.exec("select app.stat_fold(interval '0', 1000000)");
  console.log(
    `| ${label} | ${size.toLocaleString()} | ${unfiltered.toFixed(1)} ms | ${division.toFixed(1)} ms | ${withPending.map((t) => `${t.toFixed(1)} ms`).join(' | ')} | ${naive.toFixed(1)} ms | ${(naive / unfiltered).toFixed(1)}× |`,
  );
  return unfiltered;
}

async function freshServerDb(): Promise<{ db: SqlDb; drop: () => Promise<void> }> {
  const database = await createDatabase(serverUrl, 'siang_bench_dash');
  const db = await openPostgres({ connectionString: database.url, max: 2 });
  return {
    db,
    drop: async () => {
      await db.close();
      await database.drop();
    },
  };
}

async function main() {
  console.log(`Machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`Median of ${RUNS} calls after one warm-up; fiscal year ${FISCAL_YEAR}; naive = GROUP BY over raw rows.\n`);
  const pendingColumns = PENDING.map((n) => `one FY with ${n.toLocaleString()} pending`);
  console.log(
    `| database | responses | satisfaction_stats, one FY | filtered by division | ${pendingColumns.join(' | ')} | naive GROUP BY | naive ÷ rollups |`,
  );
  console.log(`| --- | --- | --- | --- | ${pendingColumns.map(() => '---').join(' | ')} | --- | --- |`);
  const server = await freshServerDb();
  const times: Record<number, number> = {};
  try {
    // Sizes grow in one database: each step adds responses to the previous ones.
    for (const size of values.sizes!.split(',').map(Number)) times[size] = await measure('PostgreSQL', server.db, size);
  } finally {
    await server.drop();
  }
  for (const size of values['pglite-sizes']!.split(',').map(Number).filter(Boolean)) {
    const db = await openEmbedded();
    try {
      await measure('PGlite', db, size);
    } finally {
      await db.close();
    }
  }
  if (times[1_000_000] && times[5_000_000]) {
    console.log(`\nPostgreSQL time at 5,000,000 ÷ time at 1,000,000 = ${(times[5_000_000] / times[1_000_000]).toFixed(2)} (target ≤ 1.5)`);
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

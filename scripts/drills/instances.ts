/**
 * npm run drill:instances [-- --submissions 2000 --kills 3 --workers 6]
 *
 * Two app instances on one PostgreSQL database (scripts/drills/lib/two-instances.ts), a steady submission load spread
 * over both, and one of them SIGKILLed mid-load, several times (each time started again a few seconds later). Like a
 * load balancer or the phone's offline queue, a submission that got no answer (connection refused or reset, 503) is
 * sent again with the same client key, to the other instance. At the end, read from the database directly: every
 * submission acknowledged by either instance is stored exactly once, under the reference it was given; none is
 * stored twice; and once the statistics fold has run on both, the dashboard's figures equal a plain count over the
 * raw tables. Writes .data-drills/instances.json; exits non-zero on any violation.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { argValue, ensureBuild, machine, sleep } from './lib/app';
import { addressOf, postResponse, startPair } from './lib/two-instances';

const POINTS = ['civil-registration', 'complaints-centre', 'land-building-tax', 'waste-fees', 'building-permit'];

async function main() {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DRILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const total = Number(argValue('submissions', '2000'));
  const kills = Number(argValue('kills', '3'));
  const workers = Number(argValue('workers', '6'));
  if (![total, kills, workers].every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--submissions, --kills and --workers must be positive whole numbers');
  ensureBuild();
  const outDir = path.resolve('.data-drills');
  const logDir = path.join(outDir, 'instances');
  fs.rmSync(logDir, { recursive: true, force: true });
  const started = Date.now();
  console.log(`Starting two instances on a fresh database of ${new URL(serverUrl).host} …`);
  const pair = await startPair(serverUrl, { logDir });
  let stopped = false;
  // A drill that fails half-way must not leave two servers and a database behind.
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pair.stop();
  };
  process.on('SIGINT', () => void stop().finally(() => process.exit(130)));
  try {
    const acked = new Map<string, string>(); // client key → reference
    const f = {
      requests: 0,
      created: 0,
      replayed: 0,
      noAnswer: 0,
      unavailable503: 0,
      kills: 0,
      restartMs: [] as number[],
      violations: [] as string[],
    };
    let next = 0;

    async function send(index: number) {
      const clientKey = randomUUID();
      const body = { clientKey, overallRating: (index % 5) + 1, servicePoint: POINTS[index % POINTS.length] };
      for (let attempt = 0; attempt < 200; attempt++) {
        const target = (index + attempt) % 2; // the next attempt goes to the other instance
        f.requests++;
        let r;
        try {
          r = await postResponse(pair.urls[target]!, body, addressOf(index));
        } catch {
          f.noAnswer++;
          await sleep(100);
          continue;
        }
        if (r.status === 201 || r.status === 200) {
          if (r.status === 201) f.created++;
          else f.replayed++; // stored before the answer was lost, found again: not stored twice
          const previous = acked.get(clientKey);
          if (previous && previous !== r.json.reference) f.violations.push(`${clientKey}: ${previous}, then ${String(r.json.reference)}`);
          acked.set(clientKey, String(r.json.reference));
          return;
        }
        if (r.status === 503) {
          f.unavailable503++;
          await sleep(200);
          continue;
        }
        f.violations.push(`status ${r.status} for ${clientKey}: ${JSON.stringify(r.json).slice(0, 200)}`);
        return;
      }
      f.violations.push(`${clientKey}: never answered`);
    }

    const load = Promise.all(
      Array.from({ length: workers }, async () => {
        for (let i = next++; i < total; i = next++) await send(i);
      }),
    );
    // The kills, spread over the load: a random instance each time, while the other carries on alone.
    const chaos = (async () => {
      for (let k = 0; k < kills; k++) {
        while (acked.size < ((k + 1) * total) / (kills + 2) && next < total) await sleep(100);
        if (next >= total) break;
        const victim = Math.random() < 0.5 ? 0 : 1;
        await pair.kill(victim);
        f.kills++;
        process.stdout.write(`\r  killed instance ${'AB'[victim]} at ${acked.size} acknowledged   `);
        await sleep(3_000);
        const t0 = Date.now();
        await pair.restart(victim);
        f.restartMs.push(Date.now() - t0);
      }
    })();
    await Promise.all([load, chaos]);
    process.stdout.write('\n');

    // Let the folds of both instances take every pending response, then compare the dashboard with the raw rows.
    await pair.owner.query("update public.stat_pending set queued_at = now() - interval '1 hour'");
    for (let waited = 0; waited < 120_000; waited += 1_000) {
      if ((await pair.owner.query('select 1 from stat_pending limit 1')).rowCount === 0) break;
      await sleep(1_000);
    }
    const stored = (
      await pair.owner.query<{ client_key: string; reference: string; n: number }>(
        'select client_key::text, min(reference) as reference, count(*)::int as n from response group by client_key',
      )
    ).rows;
    const byKey = new Map(stored.map((r) => [r.client_key, r]));
    let missing = 0;
    let twice = 0;
    let wrongReference = 0;
    for (const [key, reference] of acked) {
      const row = byKey.get(key);
      if (!row) missing++;
      else if (row.reference !== reference) wrongReference++;
    }
    for (const row of stored) if (row.n > 1) twice++;
    const client = await pair.owner.connect();
    await client.query('begin');
    await client.query('set local role service_role');
    const stats = (
      await client.query<{ s: { counts: { responses: number }; overall: { n: number; mean: number } } }>(
        "select public.satisfaction_stats(null, 'th') as s",
      )
    ).rows[0]!.s;
    await client.query('commit');
    client.release();
    const raw = (
      await pair.owner.query<{ n: number; mean: string; pending: number; rolled: number }>(`
      select count(*)::int as n, avg(overall_rating)::text as mean, (select count(*)::int from stat_pending) as pending,
             (select coalesce(sum(n), 0)::int from stat_rating_day where item_code = 'overall') as rolled
      from response where flag is null`)
    ).rows[0]!;
    if (missing) f.violations.push(`${missing} acknowledged responses are not stored`);
    if (twice) f.violations.push(`${twice} client keys are stored more than once`);
    if (wrongReference) f.violations.push(`${wrongReference} responses are stored under another reference than acknowledged`);
    if (stats.overall.n !== raw.n || Math.abs(stats.overall.mean - Number(raw.mean)) > 1e-9) {
      f.violations.push(`dashboard n=${stats.overall.n} mean=${stats.overall.mean}, raw n=${raw.n} mean=${raw.mean}`);
    }
    if (raw.pending === 0 && raw.rolled !== raw.n) f.violations.push(`rollups hold ${raw.rolled} ratings, the raw rows ${raw.n}`);
    await stop();

    const result = {
      when: new Date().toISOString(),
      machine: machine(),
      seconds: Math.round((Date.now() - started) / 1000),
      submissions: total,
      workers,
      ...f,
      acknowledged: acked.size,
      stored: stored.length,
      missing,
      storedTwice: twice,
      wrongReference,
      dashboard: { n: stats.overall.n, mean: stats.overall.mean },
      raw: { n: raw.n, mean: Number(raw.mean), pending: raw.pending, rolledUp: raw.rolled },
    };
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'instances.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    if (f.violations.length) {
      console.error(`FAILED: ${f.violations.length} violations (first: ${f.violations[0]})`);
      process.exit(1);
    }
    console.log(`OK: ${acked.size} acknowledged, each stored once; ${f.kills} kills; dashboard equals the raw rows.`);
  } finally {
    await stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

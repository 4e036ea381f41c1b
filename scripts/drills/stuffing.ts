/**
 * npm run drill:stuffing [-- --attempts 1000 --citizens 100 --port 3540 --attacker address|ipv6-64]
 *
 * Ballot stuffing: one address sends ATTEMPTS "very dissatisfied" taps to one service point within a minute, while
 * CITIZENS other addresses each send one honest tap in the same minute. The published score (public_results, the
 * computation behind /results and the dashboard's overall) may take in at most organisation.burst_max_per_source of
 * the attacker's taps per burst_window_seconds, and must take in every other citizen's. Runs the built app on a
 * PostgreSQL database of its own (on the machine's server, TEST_DATABASE_URL or DRILL_PG_URL), read directly.
 *
 * --attacker ipv6-64 plays the attack of the trust review: every one of the attacker's taps comes from a new address
 * inside one IPv6 /64 (an ordinary home connection hands out 2^64 of them), which must count as one source.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { fiscalYearOf } from '../../lib/format/fiscal-year';
import { argValue, createDatabase, DRILL_SECRETS, ensureBuild, machine, startApp } from './lib/app';
import { freshAddress, HttpClient, pool } from './lib/http';

const POINT = 'civil-registration';
const ATTACKER = '198.51.100.66';

/** A new address in the attacker's one /64 each call: the last 64 bits are theirs to choose. */
function addressInAttackersPrefix(): string {
  const word = () => Math.floor(Math.random() * 0x10000).toString(16);
  return `2001:db8:ffff:66:${word()}:${word()}:${word()}:${word()}`;
}

interface Overall {
  n: number;
  mean: number;
}

async function main() {
  const attempts = Number(argValue('attempts', '1000'));
  const citizens = Number(argValue('citizens', '100'));
  const port = Number(argValue('port', '3540'));
  const attackerKind = argValue('attacker', 'address');
  if (attackerKind !== 'address' && attackerKind !== 'ipv6-64') throw new Error('--attacker is address or ipv6-64');
  const attackerAddress = attackerKind === 'address' ? () => ATTACKER : addressInAttackersPrefix;
  const serverUrl = process.env.DRILL_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const outDir = path.resolve('.data-drills');
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, 'stuffing-server.log');
  fs.rmSync(logFile, { force: true });
  ensureBuild();

  const database = await createDatabase(serverUrl, 'siang_drill_stuffing');
  const app = await startApp({ port, env: { DATABASE_URL: database.url, ...DRILL_SECRETS }, logFile });
  const client = new HttpClient(app.baseUrl, 16);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  let ok = false;
  try {
    const tap = async (address: string, rating: number) => {
      const r = await client.send({
        method: 'POST',
        path: '/api/responses',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'accept-language': 'th' },
        body: Buffer.from(JSON.stringify({ clientKey: randomUUID(), servicePoint: POINT, locale: 'th', overallRating: rating })),
      });
      return { status: r.status, retryAfter: r.headers['retry-after'] };
    };
    const published = async (): Promise<Overall> => {
      // The public may only ask for a whole period: this fiscal year holds every tap of the drill.
      const { rows } = await db.query<{ r: { overall: { n: number; mean: number } } }>(
        'select public.public_results(jsonb_build_object($1::text, $2::int), $3) as r',
        ['fiscalYear', fiscalYearOf(new Date()), 'th'],
      );
      return { n: rows[0]!.r.overall.n, mean: rows[0]!.r.overall.mean };
    };
    const [org] = (
      await db.query<{ cap: number; window: number }>(
        'select burst_max_per_source as cap, burst_window_seconds as window from public.organisation',
      )
    ).rows;
    const { cap, window } = org!;

    // Before: 40 citizens, each from their own address, rate the counter (ratings 3–5).
    const baseline = Array.from({ length: 40 }, (_, i) => 3 + (i % 3));
    for (const rating of baseline) if ((await tap(freshAddress(), rating)).status !== 201) throw new Error('baseline tap refused');
    const before = await published();

    // The minute: the attacker's taps and the other citizens' taps, interleaved, 12 in flight.
    const honest = Array.from({ length: citizens }, (_, i) => 1 + ((i * 7) % 5));
    const work = [
      ...Array.from({ length: attempts }, () => ({ who: 'attacker' as const, rating: 1 })),
      ...honest.map((rating) => ({ who: 'citizen' as const, rating })),
    ].sort(() => Math.random() - 0.5);
    const t0 = Date.now();
    const results = await pool(work, 12, async (w) => ({
      ...w,
      ...(await tap(w.who === 'attacker' ? attackerAddress() : freshAddress(), w.rating)),
    }));
    const seconds = (Date.now() - t0) / 1000;
    const after = await published();

    const attacker = results.filter((r) => r.who === 'attacker');
    const others = results.filter((r) => r.who === 'citizen');
    const attackerStored = attacker.filter((r) => r.status === 201).length;
    const attackerRefused = attacker.filter((r) => r.status === 429).length;
    const refusedWithoutRetryAfter = attacker.filter((r) => r.status === 429 && !r.retryAfter).length;
    const othersCounted = others.filter((r) => r.status === 201).length;
    const { rows: flags } = await db.query<{ flag: string | null; n: number }>(
      'select flag, count(*)::int as n from public.response group by flag order by flag',
    );

    // What the score must be: the honest ratings, plus at most `cap` of the attacker's 1s.
    const honestSum = baseline.reduce((a, b) => a + b, 0) + honest.reduce((a, b) => a + b, 0);
    const honestN = baseline.length + honest.length;
    const attackerCounted = after.n - before.n - othersCounted;
    const honestMean = honestSum / honestN;
    const expectedMean = (honestSum + attackerCounted * 1) / (honestN + attackerCounted);
    const worstMean = (honestSum + cap * 1) / (honestN + cap);
    const unboundedMean = (honestSum + attackerStored) / (honestN + attackerStored);

    console.log(`ballot stuffing drill; ${machine()}`);
    console.log(`  setting: burst_max_per_source = ${cap} per ${window} s (per address and service point)`);
    const from = attackerKind === 'address' ? 'one address' : `${attempts} addresses of one IPv6 /64`;
    console.log(`  the minute: ${attempts} taps from ${from} + ${citizens} citizens from their own addresses, in ${seconds.toFixed(1)} s`);
    console.log(
      `  attacker: stored ${attackerStored} (flagged ${attackerStored - attackerCounted}), refused as a flood (429) ${attackerRefused}, other ${attacker.length - attackerStored - attackerRefused}`,
    );
    console.log(`  attacker taps counted in the published score: ${attackerCounted} (cap ${cap})`);
    console.log(`  other citizens: ${othersCounted} of ${citizens} answered 201, and counted`);
    console.log(
      `  published overall: before n=${before.n} mean=${before.mean.toFixed(4)}; after n=${after.n} mean=${after.mean.toFixed(4)}`,
    );
    console.log(
      `  honest mean ${honestMean.toFixed(4)}; with the cap's worst ${worstMean.toFixed(4)} (moved ${(honestMean - worstMean).toFixed(4)}); had all ${attackerStored} stored taps counted: ${unboundedMean.toFixed(4)}`,
    );
    console.log(`  rows by flag: ${flags.map((f) => `${f.flag ?? 'counted'} ${f.n}`).join(', ')}`);

    ok =
      seconds < 60 &&
      attackerCounted <= cap &&
      othersCounted === citizens &&
      after.n === before.n + othersCounted + attackerCounted &&
      Math.abs(after.mean - expectedMean) < 1e-9 &&
      after.mean >= worstMean - 1e-9 &&
      refusedWithoutRetryAfter === 0 &&
      attacker.every((r) => r.status === 201 || r.status === 429);
    fs.writeFileSync(
      path.join(outDir, `stuffing-${attackerKind}.json`),
      JSON.stringify(
        {
          machine: machine(),
          at: new Date().toISOString(),
          attacker: attackerKind,
          cap,
          window,
          attempts,
          citizens,
          seconds,
          attackerStored,
          attackerRefused,
          attackerCounted,
          othersCounted,
          before,
          after,
          honestMean,
          worstMean,
          unboundedMean,
          flags,
        },
        null,
        2,
      ),
    );
    console.log(ok ? 'PASS' : 'FAIL');
  } finally {
    await db.end();
    client.close();
    await app.stop();
    await database.drop();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * npm run drill:fuzz [-- --runs 10000 --db postgres|embedded --seed N --port 3520 --only api-responses,page-track]
 *
 * Bad input at scale: fast-check generates RUNS malformed and edge-case requests for each public entry point (see
 * lib/fuzz.ts) and sends them to the built app on a database of the drill's own. It passes when no answer is a 5xx,
 * every refusal is a 4xx with a message in the reader's language, and the database holds exactly the responses of
 * the accepted cases and nothing from a refused one, checked two ways:
 *   - directly: the client keys of every response stored during the run = the accepted client keys (+ 2 probes);
 *     on PostgreSQL while the app runs, on the embedded database after it has stopped;
 *   - the reference sequence: the second probe's number = the first's + accepted keys + 1.
 * For the kiosk sync it registers tablets straight in the database: 48 active ones on the demo points (the sync is
 * rate-limited per device token), a revoked one, and one on a service point it then retires.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { deviceCodeHint, generateDeviceCode, generateDeviceToken, hashDeviceCode, hashDeviceToken } from '../../lib/kiosk/device-code';
import { argValue, createDatabase, DRILL_SECRETS, ensureBuild, machine, startApp } from './lib/app';
import {
  ENTRY_NAMES,
  fuzzContext,
  fuzzEntry,
  POINTS,
  probeReference,
  sequenceOf,
  type EntryName,
  type EntryReport,
  type KioskCodes,
} from './lib/fuzz';
import { HttpClient } from './lib/http';

async function main() {
  const runs = Number(argValue('runs', '10000'));
  const mode = argValue('db', 'postgres');
  const seed = Number(argValue('seed', String(Date.now() % 1_000_000_000)));
  const port = Number(argValue('port', '3520'));
  const only = argValue('only', '').split(',').filter(Boolean) as EntryName[];
  const entries = only.length ? only : ENTRY_NAMES;
  const serverUrl = process.env.DRILL_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const outDir = path.resolve('.data-drills');
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, `fuzz-${mode}-server.log`);
  fs.rmSync(logFile, { force: true });

  ensureBuild();
  console.log(`fuzz drill: ${runs} cases × ${entries.length} entry points, ${mode}, seed ${seed}; ${machine()}`);

  const database = mode === 'postgres' ? await createDatabase(serverUrl, 'siang_drill_fuzz') : undefined;
  const dataDir = path.join(outDir, 'fuzz-embedded');
  if (!database) fs.rmSync(dataDir, { recursive: true, force: true });
  // The embedded database is the app's alone once it runs: its tablets are registered before it starts.
  const embeddedTablets = database ? undefined : await withEmbedded(dataDir, registerKiosks);
  const env: Record<string, string> = database
    ? { DATABASE_URL: database.url, ...DRILL_SECRETS }
    : { SIANG_DATA_DIR: dataDir, SIANG_DB: 'embedded' };
  const app = await startApp({ port, env, logFile });
  const client = new HttpClient(app.baseUrl, 8);
  const reports: EntryReport[] = [];
  let ok = false;
  try {
    const started = new Date();
    const probeKeys = [randomUUID(), randomUUID()];
    const first = await probeReference(client, probeKeys[0]!);
    const tablets = embeddedTablets ?? (await withPostgres(database!.url, registerKiosks));
    const ctx = await fuzzContext(client, first, { ...tablets, qrClientKey: probeKeys[0]! });
    for (const [i, entry] of entries.entries()) {
      const report = await fuzzEntry({
        client,
        entry,
        ctx,
        runs,
        seed: seed + i * 1_000_003,
        concurrency: 4,
        onProgress: (done) => process.stdout.write(`\r  ${entry}: ${done}/${runs}   `),
      });
      process.stdout.write('\n');
      reports.push(report);
      console.log(
        `  ${entry}: ${report.runs} cases in ${(report.ms / 1000).toFixed(0)} s, statuses ${JSON.stringify(report.statuses)}, accepted ${report.accepted.size}, failures ${report.failures.length}`,
      );
      for (const f of report.failures.slice(0, 5))
        console.log(`    ✗ #${f.index} [${f.kind}] ${f.problem}\n      ${f.request.slice(0, 600)}`);
    }
    const second = await probeReference(client, probeKeys[1]!);

    const accepted = new Set(reports.flatMap((r) => [...r.accepted]));
    const expectedKeys = new Set([...accepted, ...probeKeys]);
    let stored: string[];
    if (database) {
      stored = await storedKeys(database.url, started);
    } else {
      await app.stop();
      stored = await storedKeysEmbedded(dataDir, started);
    }
    const storedSet = new Set(stored);
    const unexpected = stored.filter((k) => !expectedKeys.has(k));
    const missing = [...expectedKeys].filter((k) => !storedSet.has(k));
    const duplicates = stored.length - storedSet.size;
    const sequenceGap = sequenceOf(second) - sequenceOf(first) - 1;
    const fiveHundreds = reports.reduce(
      (n, r) =>
        n +
        Object.entries(r.statuses)
          .filter(([s]) => Number(s) >= 500)
          .reduce((m, [, c]) => m + c, 0),
      0,
    );
    const failures = reports.reduce((n, r) => n + r.failures.length, 0);

    console.log(`\nresult (${mode}, seed ${seed}):`);
    console.log(`  cases sent: ${reports.reduce((n, r) => n + r.runs, 0)}, 5xx: ${fiveHundreds}, property failures: ${failures}`);
    console.log(`  accepted client keys: ${accepted.size}; responses stored during the run: ${stored.length} (2 of them probes)`);
    console.log(
      `  stored but never accepted (must be 0): ${unexpected.length}; accepted but not stored (must be 0): ${missing.length}; duplicates: ${duplicates}`,
    );
    console.log(`  reference sequence: ${first} → ${second}: ${sequenceGap} numbers between the probes, accepted keys ${accepted.size}`);
    const summary = {
      mode,
      seed,
      runs,
      machine: machine(),
      at: new Date().toISOString(),
      entries: reports.map((r) => ({
        entry: r.entry,
        runs: r.runs,
        seconds: Math.round(r.ms / 1000),
        statuses: r.statuses,
        kinds: r.kinds,
        byKind: r.byKind,
        accepted: r.accepted.size,
        failures: r.failures,
      })),
      stored: stored.length,
      unexpected: unexpected.length,
      missing: missing.length,
      duplicates,
      sequenceGap,
      fiveHundreds,
    };
    fs.writeFileSync(path.join(outDir, `fuzz-${mode}.json`), JSON.stringify(summary, null, 2));
    ok =
      fiveHundreds === 0 &&
      failures === 0 &&
      unexpected.length === 0 &&
      missing.length === 0 &&
      duplicates === 0 &&
      sequenceGap === accepted.size;
    console.log(ok ? '\nPASS' : '\nFAIL');
  } finally {
    client.close();
    await app.stop();
    await database?.drop();
  }
  process.exit(ok ? 0 : 1);
}

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

async function withPostgres<T>(url: string, work: (query: Query) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(async (sql, params) => (await c.query(sql, params)).rows);
  } finally {
    await c.end();
  }
}

async function withEmbedded<T>(dataDir: string, work: (query: Query) => Promise<T>): Promise<T> {
  const { openEmbedded } = await import('../../lib/db/pglite');
  const db = await openEmbedded({ dataDir });
  try {
    return await work((sql, params) => db.ownerQuery(sql, params));
  } finally {
    await db.close();
  }
}

/** Every response stored or changed since the run began (kiosk presses are filed at the time pressed, days back). */
const STORED_SINCE = 'select client_key::text from public.response where created_at >= $1 or updated_at >= $1';
const storedKeys = (url: string, since: Date) =>
  withPostgres(url, async (query) => (await query(STORED_SINCE, [since])).map((r) => String(r.client_key)));
const storedKeysEmbedded = (dataDir: string, since: Date) =>
  withEmbedded(dataDir, async (query) => (await query(STORED_SINCE, [since])).map((r) => String(r.client_key)));

/**
 * Tablets for the kiosk sync, issued as the staff page does and paired as a tablet is (only the hashes of the code and
 * the device token are stored); the tokens go to the fuzzer.
 */
async function registerKiosks(query: Query): Promise<Omit<KioskCodes, 'qrClientKey'>> {
  const pair = async (point: string, revoked = false) => {
    const code = generateDeviceCode();
    const token = generateDeviceToken();
    const rows = await query(
      `insert into public.kiosk_device (service_point_id, label, code_hash, code_hint, revoked_at)
       select id, $2, $3, $4, $5 from public.service_point where slug = $1 returning id`,
      [point, `drill ${deviceCodeHint(code)}`, hashDeviceCode(code), deviceCodeHint(code), revoked ? new Date() : null],
    );
    if (rows.length !== 1) throw new Error(`no service point ${point} to pair a tablet to`);
    await query('update public.kiosk_device set paired_at = now(), token_hash = $2 where id = $1', [rows[0]!.id, hashDeviceToken(token)]);
    return token;
  };
  const active: string[] = [];
  for (let i = 0; i < 48; i++) active.push(await pair(POINTS[i % POINTS.length]!));
  const revoked = await pair('complaints-centre', true);
  const retired = await pair('land-building-tax');
  await query(`update public.service_point set active = false where slug = 'land-building-tax'`, []);
  return { active, revoked, retired };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

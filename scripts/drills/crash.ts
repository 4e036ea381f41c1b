/**
 * npm run drill:crash [-- --db embedded|postgres|both --kills 20 --db-restarts 3 --port 3530]
 *
 * Crash without loss. A steady submission load (WORKERS citizens in parallel, each tap a new client key, a third of
 * them followed by a suggestion on the same key) runs against the built app while the drill SIGKILLs the server at
 * random moments and starts it again. Like the phone's offline queue, a submission that got no answer (connection
 * refused or reset, 503) is sent again with the same client key until it is answered. On PostgreSQL (a throwaway
 * cluster of the drill's own, port 55432) the database server is also crashed (pg_ctl stop -m immediate) and
 * restarted mid-load, without restarting the app: meanwhile every answer must be a 503 with Retry-After and a
 * message in the reader's language, and the app must take submissions again by itself once the database is back.
 *
 * At the end, read from the database directly: every submission that got a success answer is stored exactly once,
 * under the reference it was given, with the suggestion it was acknowledged for. Exits non-zero otherwise.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { argValue, DRILL_SECRETS, ensureBuild, machine, sleep, startApp, type RunningApp } from './lib/app';
import { ERROR_MESSAGES, LOCALES, POINTS, type Locale } from './lib/fuzz';
import { freshAddress, HttpClient, receiptFor } from './lib/http';
import { throwawayCluster, type Cluster } from './lib/pg-cluster';

const WORKERS = 4;

interface Payload {
  clientKey: string;
  /** As the survey page's hidden field gives it: the same with every retry and follow-up of the response. */
  receipt: string;
  servicePoint: string;
  locale: Locale;
  overallRating: number;
  suggestion?: { text: string };
}

interface Figures {
  mode: string;
  kills: number;
  dbRestarts: number;
  requests: number;
  created: number;
  updated: number;
  connectionErrors: number;
  unavailable503: number;
  /** A new key whose retry was answered 200: stored before the crash, its answer lost, not stored twice. */
  storedBeforeAnswerLost: number;
  restartMs: number[];
  dbRecoveryMs: number[];
  pageDuringOutage: number[];
  violations: string[];
  acked: number;
  ackedSuggestions: number;
  stored: number;
  missing: number;
  wrongReference: number;
  missingSuggestion: number;
  storedNeverAcked: number;
  lockRefusals: number;
  seconds: number;
}

async function drill(mode: 'embedded' | 'postgres', kills: number, dbRestarts: number, port: number): Promise<Figures> {
  const outDir = path.resolve('.data-drills');
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, `crash-${mode}-server.log`);
  fs.rmSync(logFile, { force: true });
  const dataDir = path.join(outDir, 'crash-embedded');
  fs.rmSync(dataDir, { recursive: true, force: true });

  let cluster: Cluster | undefined;
  let databaseUrl: string | undefined;
  if (mode === 'postgres') {
    cluster = throwawayCluster(Number(argValue('pg-port', '55432')));
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database siang_drill');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/siang_drill');
  }
  const env: Record<string, string> = databaseUrl
    ? { DATABASE_URL: databaseUrl, ...DRILL_SECRETS }
    : { SIANG_DATA_DIR: dataDir, SIANG_DB: 'embedded' };

  const f: Figures = {
    mode,
    kills: 0,
    dbRestarts: 0,
    requests: 0,
    created: 0,
    updated: 0,
    connectionErrors: 0,
    unavailable503: 0,
    storedBeforeAnswerLost: 0,
    restartMs: [],
    dbRecoveryMs: [],
    pageDuringOutage: [],
    violations: [],
    acked: 0,
    ackedSuggestions: 0,
    stored: 0,
    missing: 0,
    wrongReference: 0,
    missingSuggestion: 0,
    storedNeverAcked: 0,
    lockRefusals: 0,
    seconds: 0,
  };
  const started = Date.now();
  const acked = new Map<string, { reference: string; suggestion?: string }>();
  const everSent = new Set<string>();
  const retry: Payload[] = [];
  let stopping = false;
  let lastAckAt = Date.now();

  let app: RunningApp = await startApp({ port, env, logFile });
  const client = new HttpClient(app.baseUrl, WORKERS * 2);

  async function attempt(p: Payload): Promise<boolean> {
    f.requests++;
    everSent.add(p.clientKey);
    let r;
    try {
      r = await client.send(
        {
          method: 'POST',
          path: '/api/responses',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress(), 'accept-language': p.locale },
          body: Buffer.from(JSON.stringify(p)),
        },
        15_000,
      );
    } catch {
      f.connectionErrors++;
      return false;
    }
    if (r.status === 200 || r.status === 201) {
      const { reference } = r.json() as { reference: string };
      const previous = acked.get(p.clientKey);
      if (previous && previous.reference !== reference)
        f.violations.push(`${p.clientKey}: answered ${previous.reference}, then ${reference}`);
      if (!previous && !p.suggestion && r.status === 200) f.storedBeforeAnswerLost++;
      if (r.status === 201) f.created++;
      else f.updated++;
      acked.set(p.clientKey, { reference, suggestion: p.suggestion?.text ?? previous?.suggestion });
      lastAckAt = Date.now();
      return true;
    }
    if (r.status === 503) {
      f.unavailable503++;
      let body: { message?: string } = {};
      try {
        body = r.json() as typeof body;
      } catch {
        // judged below
      }
      if (!r.headers['retry-after'] || !ERROR_MESSAGES[p.locale].has(body.message ?? '')) {
        if (f.violations.length < 50) f.violations.push(`503 without Retry-After or a ${p.locale} message: ${r.text().slice(0, 200)}`);
      }
      return false;
    }
    if (f.violations.length < 50) f.violations.push(`status ${r.status}: ${r.text().slice(0, 200)}`);
    return false;
  }

  async function worker() {
    while (!stopping || retry.length > 0) {
      const key = randomUUID();
      const p: Payload = retry.shift() ?? {
        clientKey: key,
        receipt: receiptFor(key),
        servicePoint: POINTS[Math.floor(Math.random() * POINTS.length)]!,
        locale: LOCALES[Math.floor(Math.random() * LOCALES.length)]!,
        overallRating: 1 + Math.floor(Math.random() * 5),
      };
      if (stopping && Date.now() - lastAckAt > 120_000) break; // give up draining (reported as unanswered)
      if (!(await attempt(p))) {
        retry.push(p);
        await sleep(150);
        continue;
      }
      if (!p.suggestion && Math.random() < 0.33) {
        const follow = { ...p, suggestion: { text: `drill suggestion ${p.clientKey} ถนนชำรุด 😀` } };
        if (!(await attempt(follow))) retry.push(follow);
      }
    }
  }

  const load = Promise.all(Array.from({ length: WORKERS }, worker));
  // The database restarts come on top of the kills, spread evenly between them.
  const steps = kills + dbRestarts;
  const dbSteps = new Set(Array.from({ length: dbRestarts }, (_, j) => Math.floor(((j + 0.5) * steps) / dbRestarts)));
  try {
    for (let i = 0; i < steps; i++) {
      await sleep(1_500 + Math.random() * 3_500);
      if (cluster && dbSteps.has(i)) {
        // The database goes away under load; the app stays up and must answer 503 meanwhile, then recover alone.
        cluster.stop(f.dbRestarts % 2 === 0 ? 'immediate' : 'fast');
        await sleep(1_000);
        const page = await client
          .send({ method: 'GET', path: '/th/s/civil-registration', headers: { 'x-forwarded-for': freshAddress() } })
          .catch(() => undefined);
        f.pageDuringOutage.push(page?.status ?? 0);
        // A citizen scanning the QR code meanwhile gets a 503 with Retry-After and a Thai sentence, not a 500.
        const alert = page ? /role="alert"[^>]*>([^<]+)</.exec(page.text())?.[1] : undefined;
        if (page?.status !== 503 || !page.headers['retry-after'] || !ERROR_MESSAGES.th.has(alert ?? '')) {
          f.violations.push(
            `the one-tap page during the outage: ${page?.status} retry-after=${page?.headers['retry-after']} ${alert ?? page?.text().slice(0, 120)}`,
          );
        }
        await sleep(2_000 + Math.random() * 2_000);
        const back = Date.now();
        cluster.start();
        const before = lastAckAt;
        while (lastAckAt === before && Date.now() - back < 60_000) await sleep(50);
        f.dbRecoveryMs.push(lastAckAt === before ? -1 : Date.now() - back);
        f.dbRestarts++;
        process.stdout.write(`\r  ${mode}: ${f.kills} kills, ${f.dbRestarts} database restarts, ${acked.size} acknowledged   `);
        continue;
      }
      const t0 = Date.now();
      app.kill('SIGKILL');
      const exit = await app.exited;
      if (exit.signal !== 'SIGKILL') f.violations.push(`the server had exited by itself (${JSON.stringify(exit)})`);
      f.kills++;
      app = await startApp({ port, env, logFile });
      f.restartMs.push(Date.now() - t0);
      process.stdout.write(`\r  ${mode}: ${f.kills} kills, ${f.dbRestarts} database restarts, ${acked.size} acknowledged   `);
    }
    await sleep(2_000);
    stopping = true;
    await load;
    process.stdout.write('\n');
  } finally {
    stopping = true;
    client.close();
    await app.stop();
  }

  // Read what was stored, from the database itself.
  let rows: { client_key: string; reference: string; body: string | null }[];
  const sql = 'select r.client_key::text, r.reference, s.body from public.response r left join public.suggestion s on s.response_id = r.id';
  if (databaseUrl) {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    rows = (await c.query(sql)).rows;
    await c.end();
    cluster!.destroy();
  } else {
    const { openEmbedded } = await import('../../lib/db/pglite');
    const db = await openEmbedded({ dataDir }); // the folder must open after the last kill too
    rows = await db.ownerQuery(sql);
    await db.close();
  }
  const byKey = new Map<string, { reference: string; body: string | null }[]>();
  for (const row of rows) byKey.set(row.client_key, [...(byKey.get(row.client_key) ?? []), row]);
  f.stored = rows.length;
  f.acked = acked.size;
  for (const [key, ack] of acked) {
    const stored = byKey.get(key) ?? [];
    if (stored.length === 0) f.missing++;
    else if (stored.length > 1 || stored[0]!.reference !== ack.reference) f.wrongReference++;
    if (ack.suggestion) {
      f.ackedSuggestions++;
      if (stored[0]?.body !== ack.suggestion) f.missingSuggestion++;
    }
  }
  f.storedNeverAcked = rows.filter((r) => !acked.has(r.client_key)).length;
  if (rows.some((r) => !everSent.has(r.client_key))) f.violations.push('a row whose client key the drill never sent');
  if (new Set(rows.map((r) => r.reference)).size !== rows.length) f.violations.push('two rows share a reference');
  if (retry.length > 0) f.violations.push(`${retry.length} submissions never answered`);
  f.lockRefusals = (fs.readFileSync(logFile, 'utf8').match(/in use by another process/g) ?? []).length;
  f.seconds = Math.round((Date.now() - started) / 1000);
  return f;
}

async function main() {
  const which = argValue('db', 'both');
  const kills = Number(argValue('kills', '20'));
  const dbRestarts = Number(argValue('db-restarts', '3'));
  const port = Number(argValue('port', '3530'));
  ensureBuild();
  console.log(
    `crash drill: ${kills} SIGKILLs per database${which !== 'embedded' ? `, ${dbRestarts} PostgreSQL restarts` : ''}; ${machine()}`,
  );
  const modes = which === 'both' ? (['embedded', 'postgres'] as const) : ([which] as ['embedded' | 'postgres']);
  let ok = true;
  const results: Figures[] = [];
  for (const mode of modes) {
    const f = await drill(mode, kills, mode === 'postgres' ? dbRestarts : 0, port);
    results.push(f);
    const pass =
      f.violations.length === 0 &&
      f.missing === 0 &&
      f.wrongReference === 0 &&
      f.missingSuggestion === 0 &&
      f.lockRefusals === 0 &&
      f.kills === kills &&
      f.dbRestarts === (mode === 'postgres' ? dbRestarts : 0) &&
      !f.dbRecoveryMs.includes(-1);
    ok &&= pass;
    const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);
    console.log(`${mode}: ${pass ? 'PASS' : 'FAIL'} in ${f.seconds} s`);
    console.log(
      `  SIGKILLs ${f.kills} (restart to healthy: median ${median(f.restartMs)} ms, max ${Math.max(0, ...f.restartMs)} ms), lock refusals ${f.lockRefusals}`,
    );
    if (mode === 'postgres')
      console.log(
        `  database restarts ${f.dbRestarts} (first success after start: ${f.dbRecoveryMs.join(', ')} ms); one-tap page during the outage: ${f.pageDuringOutage.join(', ')}`,
      );
    console.log(
      `  requests ${f.requests}: created ${f.created}, updated ${f.updated}, connection errors ${f.connectionErrors}, 503 ${f.unavailable503}; stored before the answer was lost: ${f.storedBeforeAnswerLost}`,
    );
    console.log(
      `  acknowledged ${f.acked} (with a suggestion ${f.ackedSuggestions}); stored ${f.stored}; missing ${f.missing}, wrong or duplicated ${f.wrongReference}, suggestion lost ${f.missingSuggestion}, stored without an answer ${f.storedNeverAcked}`,
    );
    for (const v of f.violations.slice(0, 10)) console.log(`  ✗ ${v}`);
  }
  fs.writeFileSync(
    path.resolve('.data-drills', 'crash.json'),
    JSON.stringify({ machine: machine(), at: new Date().toISOString(), results }, null, 2),
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

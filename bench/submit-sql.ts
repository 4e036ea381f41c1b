/**
 * npm run bench:submit-sql [-- --rounds 3 --seconds 5 --clients 1,10]
 *
 * What the two changes to the submit path's SQL bought, measured in one run, interleaved, without Next.js: the same
 * full submission (12 items, suggestion, respondent, contact, a hashed address) stored three ways on the local
 * PostgreSQL server (BENCH_DATABASE_URL) and on PGlite:
 *   before       rate_limit_hit, then submit_response: two transactions, each five statements (begin, role, claims,
 *                call, commit) — the path until commit "Submit: flood guard and submission in one transaction";
 *   one commit   submit_citizen_response in one such transaction (the flood guard inside it);
 *   one trip     the same call as one multi-statement query (lib/db/acting-as.ts rpcScript): what the app does now.
 * Each figure is submissions per second over --seconds, from --clients concurrent callers; medians of --rounds.
 * Not a test: it never fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openEmbedded } from '@/lib/db/pglite';
import { openPostgres } from '@/lib/db/postgres';
import { sqlApi, type RunInTransaction } from '@/lib/db/sql-api';
import { serviceRole, type SqlDb } from '@/lib/db/types';
import type { ApiArgs, ApiFunction } from '@/lib/db/api';
import { createDatabase } from '../scripts/drills/lib/app';
import { median, sqlSubmission } from './lib';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '1,10' },
  },
});
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CLIENTS = values.clients!.split(',').map(Number);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
type Rpc = <F extends ApiFunction>(fn: F, args: ApiArgs<F>) => Promise<unknown>;
type Variant = { name: string; submit: (rpc: { params: Rpc; script: Rpc }) => Promise<void> };

const VARIANTS: Variant[] = [
  {
    name: 'before: flood guard + submit_response, 2 transactions × 5 statements',
    submit: async ({ params }) => {
      const s = sqlSubmission();
      await params('rate_limit_hit', { p_bucket: `submit:flood:${s.source_hash}`, p_window_seconds: 60, p_limit: 120 });
      await params('submit_response', { p_submission: s });
    },
  },
  {
    name: 'one commit: submit_citizen_response, 1 transaction × 5 statements',
    submit: async ({ params }) =>
      void (await params('submit_citizen_response', { p_submission: sqlSubmission(), p_flood_per_minute: 120 })),
  },
  {
    name: 'one trip: submit_citizen_response as one query (the app now)',
    submit: async ({ script }) =>
      void (await script('submit_citizen_response', { p_submission: sqlSubmission(), p_flood_per_minute: 120 })),
  },
];

async function throughput(variant: Variant, rpc: { params: Rpc; script: Rpc }, clients: number): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        await variant.submit(rpc);
        done++;
      }
    }),
  );
  return done / SECONDS;
}

async function measure(label: string, rpc: { params: Rpc; script: Rpc }, clients: number[]) {
  for (const c of clients) {
    const perVariant: number[][] = VARIANTS.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, variant] of VARIANTS.entries()) perVariant[i]!.push(await throughput(variant, rpc, c));
    }
    for (const [i, variant] of VARIANTS.entries()) {
      const ratios = perVariant[i]!.map((v, r) => v / perVariant[0]![r]!);
      console.log(
        `| ${label} | ${c} | ${variant.name} | ${median(perVariant[i]!).toFixed(0)} | ${i === 0 ? '1.00' : median(ratios).toFixed(2)} | ${perVariant[i]!.map((v) => v.toFixed(0)).join(' / ')} |`,
      );
    }
  }
}

/** Both call paths over one database: the app's (one trip) and the parameterised transaction it replaced. */
function callPaths(db: SqlDb, runInTransaction: RunInTransaction): { params: Rpc; script: Rpc } {
  const params = sqlApi(runInTransaction);
  return {
    params: (fn, args) => params.rpc(fn, args, serviceRole),
    script: (fn, args) => db.rpc(fn, args, serviceRole),
  };
}

async function main() {
  console.log(
    `Machine: ${os.cpus()[0]?.model} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${ROUNDS} interleaved rounds × ${SECONDS} s per variant; submissions/s, medians; ratio = variant ÷ before in the same round.\n`,
  );
  console.log('| database | clients | variant | submissions/s | ÷ before | per round |');
  console.log('| --- | --- | --- | --- | --- | --- |');

  const database = await createDatabase(serverUrl, 'siang_bench_sql');
  const pool = new pg.Pool({ connectionString: database.url, max: Math.max(...CLIENTS) });
  pool.on('error', () => undefined); // the drop below ends its idle connections
  const server = await openPostgres({ connectionString: database.url, max: Math.max(...CLIENTS) });
  try {
    const runInTransaction: RunInTransaction = async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: async (sql, p) => (await client.query(sql, p as unknown[])).rows });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    };
    await measure('PostgreSQL', callPaths(server, runInTransaction), CLIENTS);
  } finally {
    await pool.end();
    await server.close();
    await database.drop();
  }

  const dir = `.data-bench-sql-${process.pid}`;
  const embedded = await openEmbedded({ dataDir: dir });
  try {
    // PGlite has one connection: more callers only queue, so one client.
    await measure(
      'PGlite',
      callPaths(embedded, (work) =>
        embedded.pglite.transaction((tx) => work({ query: async (sql, p) => (await tx.query(sql, p)).rows as never })),
      ),
      [1],
    );
  } finally {
    await embedded.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});

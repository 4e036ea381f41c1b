import { NextResponse } from 'next/server';
import { getDb, isSqlDb } from '@/lib/db';
import { readJson } from '@/lib/http/read-json';

/**
 * POST /api/bench/floor: the floor that bench/submit-path.ts compares the submit path with, as issue #7 defines it: a
 * bare route handler in the same build, on the same driver, that inserts the body as one row with no checks (no
 * schema, no role, no transaction of its own). It is not part of the product: its `.bench.ts` extension is a route only
 * in the benchmarks' own build (SIANG_BENCH_BUILD=1, into .next-bench; see next.config.js), so `next build` leaves it
 * out. Its table lives in a schema of its own, `bench`, that the API never exposes.
 */

const holder = globalThis as typeof globalThis & { __siangBenchFloor?: Promise<void> };

export async function POST(request: Request) {
  const db = await getDb();
  if (!isSqlDb(db)) return NextResponse.json({ error: 'not_found' }, { status: 404 });
  const body = await readJson(request, 32 * 1024);
  if (!body.ok) return NextResponse.json({ error: body.code }, { status: body.status });
  holder.__siangBenchFloor ??= db.exec(
    `create schema if not exists bench;
     create table if not exists bench.floor_insert (
       id bigserial primary key, client_key text, body jsonb not null, created_at timestamptz not null default now());
     -- Like every table: row level security on, no policy (the owner's insert bypasses it), and no grant to anyone.
     alter table bench.floor_insert enable row level security;
     revoke all on schema bench from public;`,
  );
  await holder.__siangBenchFloor;
  const rows = await db.ownerQuery<{ id: string }>('insert into bench.floor_insert (client_key, body) values ($1, $2) returning id', [
    (body.value as { clientKey?: unknown } | null)?.clientKey ?? null,
    JSON.stringify(body.value),
  ]);
  return NextResponse.json({ id: rows[0]?.id }, { status: 201 });
}

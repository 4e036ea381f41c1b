/**
 * The floor for bench/submit-path.ts: a tiny Node HTTP server (no Next.js, no checks) on the SAME database driver as
 * the app, opened through lib/db's own transports (openEmbedded → PGlite, openPostgres → node-postgres pool of 10).
 * Benchmark fixture only: it is never built into or shipped with the product.
 *
 *   POST /insert  parse the JSON body and insert it as one row (bench_bare_insert), as the owner, outside any
 *                 transaction or role: the least a submission can cost with this driver.
 *   POST /rpc     call submit_response exactly as the app does (service role, one transaction with `set local role`
 *                 and the JWT claims) but without Next.js and without the zod schema: splits the app's cost into
 *                 "framework + validation" and "SQL".
 *
 * Usage: tsx bench/bare-server.ts <port>   with SIANG_DATA_DIR=<folder> (embedded) or DATABASE_URL=postgres://…
 * Prints "ready" on stdout once it listens.
 */
import http from 'node:http';
import path from 'node:path';
import { openEmbedded } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { serviceRole, type SqlDb } from '../lib/db/types';

const port = Number(process.argv[2]);
if (!(port >= 3300 && port <= 3399)) throw new Error('port must be in 3300–3399');

async function open(): Promise<SqlDb> {
  if (process.env.DATABASE_URL) return openPostgres({ connectionString: process.env.DATABASE_URL });
  return openEmbedded({ dataDir: path.resolve(process.env.SIANG_DATA_DIR ?? '.data-bench-bare') });
}

async function main() {
  const db = await open();
  await db.exec(
    `create table if not exists public.bench_bare_insert (
       id bigserial primary key,
       client_key uuid not null,
       body jsonb not null,
       created_at timestamptz not null default now()
     )`,
  );

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(text) as Record<string, unknown> & { clientKey: string };
        if (request.url === '/insert') {
          const rows = await db.ownerQuery<{ id: string }>(
            'insert into public.bench_bare_insert (client_key, body) values ($1, $2) returning id',
            [body.clientKey, text],
          );
          return reply(201, { id: rows[0]?.id });
        }
        if (request.url === '/rpc') {
          const result = await db.rpc(
            'submit_response',
            {
              p_submission: {
                client_key: body.clientKey,
                service_point: body.servicePoint,
                locale: body.locale ?? 'th',
                channel: 'qr',
                overall_rating: body.overallRating,
                answers: body.answers,
                suggestion: body.suggestion,
                respondent: body.respondent,
                contact: body.contact,
              },
            },
            serviceRole,
          );
          return reply(result.created ? 201 : 200, result);
        }
        reply(404, { error: 'not_found' });
      } catch (error) {
        reply(500, { error: (error as Error).message });
      }
    });
  });
  server.keepAliveTimeout = 10_000;
  server.listen(port, '127.0.0.1', () => console.log('ready'));

  const stop = () => server.close(() => void db.close().finally(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

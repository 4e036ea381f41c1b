#!/usr/bin/env node
/**
 * The production server (`npm start`): Next.js through its programmatic API, behind a plain Node http server whose one
 * job is to tell the app each request's socket address. A route handler cannot see the socket, and `next start` keeps
 * whatever X-Forwarded-For a client sends, so without this a client could name any address it liked and escape every
 * per-address limit. Here a client's own copy of the header is deleted and the socket's address written in its place;
 * lib/http/client-address.ts believes it (and X-Forwarded-For only as far as TRUSTED_PROXIES says).
 *
 * Usage: node server.mjs [-p port] [-H hostname]   (or PORT / HOSTNAME; default port 3000 on every interface)
 * A configuration or database that cannot start stops the process with a message naming the problem (exit 1).
 */
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';

/** Keep in step with SOCKET_ADDRESS_HEADER in lib/http/client-address.ts. */
export const SOCKET_ADDRESS_HEADER = 'x-siang-socket-address';

/** Replace any client-sent copy of the header with the socket's address (Node joins repeated copies into one). */
export function recordSocketAddress(request) {
  delete request.headers[SOCKET_ADDRESS_HEADER];
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const hostname = values.hostname ?? process.env.HOSTNAME;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`The port must be a number from 1 to 65535, not "${values.port ?? process.env.PORT}"`);
  // Read by lib/env.ts: the socket-address header comes from this server, so the app may believe it.
  process.env.SIANG_SERVER = 'server.mjs';
  process.env.NODE_ENV = 'production'; // as `next start` does

  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? 'localhost', port });
  const handle = app.getRequestHandler();
  await app.prepare(); // runs instrumentation.ts: configuration checked, database opened, jobs scheduled
  const server = http.createServer((request, response) => {
    recordSocketAddress(request);
    handle(request, response);
  });
  // Stop taking connections, let the requests in flight finish (5 s at most), then exit: the exit handlers release
  // the embedded database's folder lock.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.once(signal, () => {
      setTimeout(() => process.exit(code), 5_000).unref();
      server.close(() => process.exit(code));
      server.closeIdleConnections();
    });
  }
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, hostname, resolve));
  console.log(`Siang ready on http://${hostname ?? 'localhost'}:${port}`);
}

// Run only as the program (scripts and tests may import recordSocketAddress).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`Siang could not start: ${error?.message ?? error}`);
    process.exit(1);
  });
}

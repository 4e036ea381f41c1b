import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './data-dir-lock';
import { DbUnavailableError, toDbError } from './errors';
import { migrate, seedBaseData, type MigrationExecutor } from './migrate';
import { ownerAccess, sqlApi, type SqlTx } from './sql-api';
import type { SqlDb } from './types';

/**
 * The embedded database as the server runs it: PGlite on a worker thread of this process (lib/db/pglite-worker.mjs),
 * so that its SQL, which runs in WebAssembly, no longer shares one thread with Next.js. A full submission spends
 * about 5 ms in SQL; on the request thread every other request waited for it. Same folder lock, same migrations, same
 * API as openEmbedded (the in-process transport the tests and scripts use); one statement, script or transaction at
 * a time, as PGlite orders them. bench:submit measured what it bought (BENCHMARKS.md).
 */

// process.cwd() as written, not projectRoot(): Turbopack reads `new Worker(path.join(process.cwd(), …))` as the
// project's file and bundles the worker with the server; an expression it cannot resolve becomes a lookup that fails
// at run time ("Cannot find module", seen in CI). Scripts and tests run from the project folder too.
export const WORKER_FILE = path.join(process.cwd(), 'lib', 'db', 'pglite-worker.mjs');

interface PlainError {
  name: string;
  message: string;
  code?: string;
  detail?: string;
  hint?: string;
}
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: PlainError };

function revive(error: PlainError): Error {
  return toDbError(Object.assign(new Error(error.message), error));
}

export interface ThreadedEmbeddedDb extends SqlDb {
  /** A consistent gzip snapshot of the data folder (see lib/db/embedded-backup.ts). */
  snapshot(): Promise<Buffer>;
  /** The database's thread (diagnostics and tests). */
  readonly thread: Worker;
}

export interface ThreadOptions {
  dataDir: string;
  seed?: boolean;
  /** Called once if the thread stops without close() (a crash in WebAssembly): the folder is released by then, so
   *  the caller can open it again. Every call in flight, and every later call on this object, fails as unavailable. */
  onLost?: (error: Error) => void;
}

export async function openEmbeddedThread(options: ThreadOptions): Promise<ThreadedEmbeddedDb> {
  if (!fs.existsSync(WORKER_FILE)) {
    throw new Error(`${WORKER_FILE} is missing: start the server from the project's folder`);
  }
  const release = lockDataDir(options.dataDir);
  let worker: Worker;
  try {
    worker = new Worker(WORKER_FILE, { workerData: { dataDir: options.dataDir } });
  } catch (error) {
    release(); // never keep the folder (or an exit listener per attempt) for a thread that did not start
    throw error;
  }
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let gone: Error | null = null;
  let started = false;
  let closing = false;

  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: { ready: boolean; error?: PlainError }) =>
      message.ready ? resolve() : reject(Object.assign(new Error(message.error?.message ?? 'PGlite did not start'), message.error)),
    );
    worker.once('error', reject);
  });
  const stop = (error: Error) => {
    gone ??= error;
    for (const call of pending.values()) call.reject(gone);
    pending.clear();
  };
  worker.on('error', (error) => stop(new DbUnavailableError(`the embedded database thread failed: ${error.message}`, error)));
  worker.on('exit', (code) => {
    stop(new DbUnavailableError(`the embedded database thread stopped (exit code ${code})`));
    if (started && !closing) {
      release();
      options.onLost?.(gone!);
    }
  });

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    release();
    throw error;
  }
  worker.on('message', (message: Reply) => {
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(revive(message.error));
  });

  function send<T>(message: Record<string, unknown>): Promise<T> {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  }

  const owner: MigrationExecutor = {
    exec: async (sql) => {
      await send({ op: 'exec', sql });
    },
    query: <T>(sql: string, params: unknown[] = []) => send<T[]>({ op: 'query', sql, params }),
  };

  async function runInTransaction<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const tx = nextId; // the id of the txBegin message names the transaction
    await send({ op: 'txBegin' });
    let result: T;
    try {
      result = await work({ query: <R>(sql: string, params?: unknown[]) => send<R[]>({ op: 'txQuery', tx, sql, params }) });
    } catch (error) {
      await send({ op: 'txEnd', tx, rollback: true }).catch(() => undefined);
      throw error;
    }
    await send({ op: 'txEnd', tx, rollback: false });
    return result;
  }

  const close = async () => {
    closing = true;
    try {
      if (!gone) await send({ op: 'close' });
    } finally {
      gone ??= new DbUnavailableError('the embedded database is closed');
      await worker.terminate();
      release();
    }
  };

  started = true;
  try {
    await migrate(owner);
    if (options.seed !== false) await seedBaseData(owner);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  const api = sqlApi(runInTransaction, async <T>(script: string) => {
    const results = await send<unknown[][]>({ op: 'exec', sql: script });
    return (results[results.length - 1] ?? []) as T[];
  });

  return {
    mode: 'embedded',
    rpc: api.rpc,
    query: api.query,
    ...ownerAccess(owner),
    async snapshot() {
      return Buffer.from(await send<ArrayBuffer>({ op: 'dump' }));
    },
    thread: worker,
    close,
  };
}

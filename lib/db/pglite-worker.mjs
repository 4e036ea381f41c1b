// The embedded database on its own thread (see lib/db/pglite-thread.ts, which starts this file and talks to it).
// Plain JavaScript so that Node runs it as it is, from the app, the scripts and the tests alike. It only runs what
// it is sent: one PGlite, one statement or script or transaction at a time, as PGlite itself orders them.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** Errors travel as plain fields: a structured clone would keep the message and drop code, detail and hint. */
function plainError(error) {
  const e = error ?? {};
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: typeof e.message === 'string' ? e.message : String(error),
    code: typeof e.code === 'string' ? e.code : undefined,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    hint: typeof e.hint === 'string' ? e.hint : undefined,
  };
}

const reply = (id, result, transfer) => parentPort.postMessage({ id, ok: true, result }, transfer ?? []);
const fail = (id, error) => parentPort.postMessage({ id, ok: false, error: plainError(error) });

/** An interactive transaction: its statements arrive one by one until the caller ends it. */
class OpenTransaction {
  inbox = [];
  waiting = null;
  push(message) {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(message);
    } else {
      this.inbox.push(message);
    }
  }
  next() {
    return this.inbox.length > 0 ? Promise.resolve(this.inbox.shift()) : new Promise((resolve) => (this.waiting = resolve));
  }
}

const ROLLBACK = Symbol('rollback');
const transactions = new Map();
let pg;

async function runTransaction(id) {
  const open = new OpenTransaction();
  transactions.set(id, open);
  let endId = null;
  try {
    await pg.transaction(async (tx) => {
      reply(id, null); // begun: the caller sends its statements now
      for (;;) {
        const message = await open.next();
        if (message.op === 'txEnd') {
          endId = message.id;
          if (message.rollback) throw ROLLBACK;
          return;
        }
        try {
          reply(message.id, (await tx.query(message.sql, message.params)).rows);
        } catch (error) {
          fail(message.id, error);
        }
      }
    });
    reply(endId, null);
  } catch (error) {
    if (endId === null)
      fail(id, error); // it never began
    else if (error === ROLLBACK) reply(endId, null);
    else fail(endId, error); // the commit failed
  } finally {
    transactions.delete(id);
  }
}

async function handle(message) {
  const { id, op } = message;
  try {
    switch (op) {
      case 'query':
        return reply(id, (await pg.query(message.sql, message.params)).rows);
      case 'exec': {
        const results = await pg.exec(message.sql);
        return reply(
          id,
          results.map((r) => r.rows),
        );
      }
      case 'txBegin':
        return void runTransaction(id);
      case 'txQuery':
      case 'txEnd': {
        const open = transactions.get(message.tx);
        if (!open) return fail(id, new Error('no such transaction'));
        return open.push(message);
      }
      case 'dump': {
        // Inside a transaction, so that no other transaction interleaves with the copy.
        const blob = await pg.transaction(async () => pg.dumpDataDir('gzip'));
        const buffer = await blob.arrayBuffer();
        return reply(id, buffer, [buffer]);
      }
      case 'close':
        await pg.close();
        return reply(id, null);
      default:
        return fail(id, new Error(`unknown operation ${op}`));
    }
  } catch (error) {
    fail(id, error);
  }
}

try {
  pg = await PGlite.create({ dataDir: workerData.dataDir });
  parentPort.on('message', (message) => void handle(message));
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: plainError(error) });
}

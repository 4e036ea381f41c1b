/**
 * npm run drill:complainants [-- --victims 40 --guesses 1900 --port 3560]
 *
 * Issue 17's attacks on complainants, run as an outsider would against the built app (server.mjs) on a PostgreSQL
 * database of its own (TEST_DATABASE_URL or DRILL_PG_URL), each with what it may achieve now:
 *   1. walking tracking pages: one address tries GUESSES sequential references, bare and with a guessed check code;
 *      it may open none, and is refused (429) after 20 lookups. A citizen's genuine lookups count too.
 *   2. amending by client key: the victims' keys (as a follow-up URL shows them) sent again with rating 1, another
 *      text and another phone, without the receipt; every victim's response must stay as they sent it.
 *   3. "erase my contact details" by phone number: 937-style, the victims' phone tried against every reference; the
 *      answer must be the same everywhere and nothing erased. The tracking page offers erasure to no stranger.
 *   4. "did this solve it?" answered first by a stranger: not recorded; the citizen's own answer then counts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { argValue, createDatabase, DRILL_SECRETS, ensureBuild, machine, startApp } from './lib/app';
import { freshAddress, HttpClient, htmlText, pool } from './lib/http';

const POINT = 'civil-registration';
const PHONE = '0812345678';

interface Victim {
  clientKey: string;
  reference: string;
  receiptCode: string;
  cookie: string;
  text: string;
}

async function main() {
  const victims = Number(argValue('victims', '40'));
  const guesses = Number(argValue('guesses', '1900'));
  const port = Number(argValue('port', '3560'));
  const serverUrl = process.env.DRILL_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const outDir = path.resolve('.data-drills');
  fs.mkdirSync(outDir, { recursive: true });
  const logFile = path.join(outDir, 'complainants-server.log');
  fs.rmSync(logFile, { force: true });
  ensureBuild();

  const database = await createDatabase(serverUrl, 'siang_drill_complainants');
  const app = await startApp({ port, env: { DATABASE_URL: database.url, ...DRILL_SECRETS }, logFile });
  const client = new HttpClient(app.baseUrl, 8);
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  let ok = false;
  try {
    const post = (address: string, body: unknown, cookie?: string) =>
      client.send({
        method: 'POST',
        path: '/api/responses',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) },
        body: Buffer.from(JSON.stringify(body)),
      });
    const get = (address: string, target: string, cookie?: string) =>
      client.send({ method: 'GET', path: target, headers: { 'x-forwarded-for': address, ...(cookie ? { cookie } : {}) } });

    // Victims: complaints with a phone number, each from their own phone (address), keeping the receipt cookie.
    const stored: Victim[] = [];
    for (let i = 0; i < victims; i++) {
      const clientKey = randomUUID();
      const text = `ร้องเรียนเจ้าหน้าที่ ${i}`;
      const r = await post(freshAddress(), {
        clientKey,
        servicePoint: POINT,
        locale: 'th',
        overallRating: 5,
        suggestion: { text, category: 'complaint' },
        contact: { consent: true, phone: PHONE },
      });
      if (r.status !== 201) throw new Error(`victim ${i} refused: ${r.status}`);
      const body = r.json() as { reference: string; receiptCode: string };
      const setCookie = ([] as string[]).concat(r.headers['set-cookie'] ?? []);
      const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
      if (!cookie.includes(`siang_receipt_${body.reference}=`)) throw new Error('no receipt cookie was set');
      stored.push({ clientKey, text, cookie, ...body });
    }
    const first = Number(stored[0]!.reference.split('-')[2]);
    const prefix = stored[0]!.reference.split('-').slice(0, 2).join('-');

    // 1. Walking the tracking pages from one address: bare references, then with a guessed code.
    const walker = freshAddress();
    const walk = (withCode: boolean) =>
      pool(
        Array.from({ length: guesses / 2 }, (_, i) => i),
        4,
        async (i) => {
          const sequence = String(first + (i % victims)).padStart(6, '0');
          return (await get(walker, `/api/track/${prefix}-${sequence}${withCode ? '-AAAA' : ''}`)).status;
        },
      );
    const bare = await walk(false); // answered 400 "give the check code", without any lookup
    const walked = await walk(true);
    const opened = [...bare, ...walked].filter((s) => s === 200).length;
    const firstRefused = walked.indexOf(429);
    // A citizen's own lookups count too: the 21st within 10 minutes is refused.
    const own = stored[1]!;
    const ownAddress = freshAddress();
    const ownLookups: number[] = [];
    for (let i = 0; i < 21; i++) ownLookups.push((await get(ownAddress, `/api/track/${own.receiptCode}`)).status);

    // 2. Amending by client key, without the receipt (a follow-up URL shows the key).
    const attacker = freshAddress();
    const amended = await pool(stored, 4, async (v) => {
      const r = await post(attacker, {
        clientKey: v.clientKey,
        servicePoint: POINT,
        locale: 'th',
        overallRating: 1,
        suggestion: { text: 'บริการดีมาก', category: 'praise' },
        contact: { consent: true, phone: '0899999999' },
      });
      return { status: r.status, reference: r.status < 300 ? (r.json() as { reference: string }).reference : undefined };
    });
    const { rows: after } = await db.query<{ reference: string; overall_rating: number; body: string; phone: string | null }>(
      `select r.reference, r.overall_rating, s.body, c.phone from public.response r join public.suggestion s on s.response_id = r.id
       left join public.contact_detail c on c.suggestion_id = s.id where r.reference = any($1)`,
      [stored.map((v) => v.reference)],
    );
    const untouched = stored.filter((v) =>
      after.some((a) => a.reference === v.reference && a.overall_rating === 5 && a.body === v.text && a.phone === PHONE),
    ).length;
    const answeredWithVictimsReference = amended.filter((a, i) => a.reference === stored[i]!.reference).length;

    // 3. Erasing by phone number, against every reference (as the server would call it for a stranger: no receipt).
    const erasures = new Set<string>();
    for (const v of stored) {
      const { rows } = await db.query<{ r: unknown }>('select public.forget_contact($1, $2) as r', [v.reference, PHONE]);
      erasures.add(JSON.stringify(rows[0]!.r));
    }
    const {
      rows: [phones],
    } = await db.query<{ n: number }>(`select count(*)::int as n from public.contact_detail where phone = $1`, [PHONE]);
    const strangerPage = htmlText((await get(freshAddress(), `/th/track/${own.receiptCode}`)).text());
    const ownerPage = htmlText((await get(freshAddress(), `/th/track/${own.receiptCode}`, own.cookie)).text());
    const erasureOffered = { stranger: strangerPage.includes('ลบข้อมูลติดต่อของฉัน'), citizen: ownerPage.includes('ลบข้อมูลติดต่อของฉัน') };

    // 4. "Did this solve it?" answered first by a stranger, then by the citizen (with the receipt from the cookie).
    const filer = stored[2]!;
    await db.query(
      `update public.suggestion set status = 'resolved' where response_id = (select id from public.response where reference = $1)`,
      [filer.reference],
    );
    const {
      rows: [stranger],
    } = await db.query<{ r: { recorded: boolean } }>(`select public.record_resolution_feedback($1, $2, 'yes') as r`, [
      filer.reference,
      'x'.repeat(22),
    ]);
    const secret = decodeURIComponent(filer.cookie.split(`siang_receipt_${filer.reference}=`)[1]!.split(';')[0]!).split('.')[1]!;
    const {
      rows: [own4],
    } = await db.query<{ r: { recorded: boolean } }>(`select public.record_resolution_feedback($1, $2, 'no') as r`, [
      filer.reference,
      secret,
    ]);
    const {
      rows: [answer],
    } = await db.query<{ answer: string }>(
      `select f.answer from public.resolution_feedback f join public.suggestion s on s.id = f.suggestion_id join public.response r on r.id = s.response_id where r.reference = $1`,
      [filer.reference],
    );

    console.log(`complainants drill; ${machine()}`);
    console.log(
      `  1. walking: ${guesses} sequential lookups from one address opened ${opened} status pages; bare references answered ${[...new Set(bare)].join('/')}; with a guessed code, first 429 at lookup ${firstRefused + 1}`,
    );
    console.log(`     a citizen's own 21 lookups: ${ownLookups.filter((s) => s === 200).length} × 200, then ${ownLookups[20]}`);
    console.log(
      `  2. amending by key: ${victims} attempts answered ${[...new Set(amended.map((a) => a.status))].join('/')}; ${answeredWithVictimsReference} showed the victim's reference; ${untouched} of ${victims} responses untouched`,
    );
    console.log(
      `  3. erasing by phone: ${victims} references tried, ${erasures.size} distinct answer(s) ${[...erasures].join(' ')}; ${phones!.n} of ${victims} phone numbers still kept`,
    );
    console.log(
      `     erasure offered on the status page: to a stranger ${erasureOffered.stranger}, to the citizen's browser ${erasureOffered.citizen}`,
    );
    console.log(
      `  4. "did this solve it?": stranger recorded ${stranger!.r.recorded}; citizen recorded ${own4!.r.recorded}; kept answer ${answer?.answer}`,
    );

    ok =
      opened === 0 &&
      bare.every((s) => s === 400) &&
      firstRefused === 20 &&
      walked.slice(0, 20).every((s) => s === 404) &&
      walked.slice(20).every((s) => s === 429) &&
      ownLookups.slice(0, 20).every((s) => s === 200) &&
      ownLookups[20] === 429 &&
      untouched === victims &&
      answeredWithVictimsReference === 0 &&
      amended.every((a) => a.status === 201) &&
      erasures.size === 1 &&
      phones!.n === victims &&
      !erasureOffered.stranger &&
      erasureOffered.citizen &&
      !stranger!.r.recorded &&
      own4!.r.recorded &&
      answer?.answer === 'no';
    fs.writeFileSync(
      path.join(outDir, 'complainants.json'),
      JSON.stringify(
        {
          machine: machine(),
          at: new Date().toISOString(),
          victims,
          guesses,
          opened,
          firstRefused,
          ownLookups,
          untouched,
          answeredWithVictimsReference,
          erasures: [...erasures],
          phonesKept: phones!.n,
          erasureOffered,
          stranger: stranger!.r,
          citizen: own4!.r,
          answer: answer?.answer,
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

import { randomUUID } from 'node:crypto';
import { devices, expect, test, type Browser, type Page } from '@playwright/test';
import { addressOf, FLOOD_PER_MINUTE, PASSWORD, postResponse, STAFF, startPair, type Pair } from '../scripts/drills/lib/two-instances';
import { issueKioskCode } from './staff';

/**
 * docs/architecture.md promises that the app holds no state a second instance would need. Two `next start`
 * instances (A and B) on one fresh PostgreSQL database, no proxy between: sessions, limits, idempotency and jobs must
 * behave as they do on one. Every check below would pass on one instance and fails if any of it lived in a process.
 * Needs TEST_DATABASE_URL (a local server: a database is created and dropped) and a build (npm run test:e2e).
 */

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn('e2e/two-instances.spec.ts skipped: TEST_DATABASE_URL is not set (two instances need a PostgreSQL server)');
// Statistics: this many submissions spread over both instances, as issue 23 names (about 40 s on a quiet two-core
// machine: 300 took 5.5 s in CI). INSTANCES_SUBMISSIONS lowers it on a busy one.
const SUBMISSIONS = Number(process.env.INSTANCES_SUBMISSIONS ?? 2000);

test.use({ ...devices['Desktop Chrome'], locale: 'th-TH' });
test.describe.configure({ mode: 'serial' });
test.skip(!serverUrl, 'TEST_DATABASE_URL is not set: the two-instance test needs a PostgreSQL server');

// The machine is shared and busy: a sign-in (bcrypt, then the session row) can take well over the default 5 s.
const slow = { timeout: 30_000 };
let pair: Pair;
let A: string;
let B: string;
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await pair.owner.query(text, params)).rows as T[];
const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await sql<T>(text, params))[0]!;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  pair = await startPair(serverUrl!);
  [A, B] = pair.urls;
  // Contact details past their retention, for the purge (which each instance first runs a minute after it starts).
  const client = await pair.owner.connect();
  try {
    for (let i = 0; i < 3; i++) {
      await client.query('begin');
      await client.query('set local role service_role');
      await client.query('select public.submit_response($1::jsonb)', [
        JSON.stringify({
          client_key: randomUUID(),
          service_point: 'complaints-centre',
          locale: 'th',
          overall_rating: 3,
          suggestion: { text: `ขอให้ติดต่อกลับ ${i}` },
          contact: { consent: true, name: 'ทดสอบ', phone: `08123456${70 + i}` },
        }),
      ]);
      await client.query('commit');
    }
    await client.query("update public.contact_detail set purge_after = now() - interval '1 day'");
  } finally {
    client.release();
  }
});

test.afterAll(async () => {
  await pair?.stop();
});

async function signInOn(page: Page, base: string, email: string, password = PASSWORD) {
  await page.goto(`${base}/th/staff/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
}

async function signedInContext(browser: Browser, base: string) {
  const context = await browser.newContext({ locale: 'th-TH', baseURL: base });
  const page = await context.newPage();
  await signInOn(page, base, STAFF.admin);
  await expect(page).toHaveURL(`${base}/th/staff`, slow);
  return { context, page };
}

test('a session started on one instance is valid on the other, and signing out on either ends it on both', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const [first, other] of [
    [A, B],
    [B, A],
  ] as const) {
    const { context, page } = await signedInContext(browser, first);
    await page.goto(`${other}/th/staff`); // same host, another port: the browser sends the same cookie, as behind a balancer
    await expect(page).toHaveURL(`${other}/th/staff`, slow);
    const kept = await context.cookies();
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click(); // signed out on the other instance
    await expect(page).toHaveURL(/\/th\/staff\/login\?signedOut=1/, slow);
    // The first instance refuses the session too, even when the browser still holds a copy of the cookie.
    await context.addCookies(kept);
    await page.goto(`${first}/th/staff`);
    await expect(page).toHaveURL(new RegExp(`^${first}/th/staff/login`), slow);
    await context.close();
  }
});

test('the flood cap, the sign-in lockout and the tracking limit count across both instances', async ({ page }) => {
  test.setTimeout(120_000);
  // Flood cap: one address, FLOOD_PER_MINUTE + 6 submissions, alternately to A and B, within one minute window
  // (waits past the minute's end if it is near: the limit is a sliding estimate from minute windows).
  const second = new Date().getUTCSeconds();
  if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
  const sent = FLOOD_PER_MINUTE + 6;
  const split: number[] = [];
  const single: number[] = [];
  for (let i = 0; i < sent; i++) {
    split.push((await postResponse(i % 2 ? B : A, { clientKey: randomUUID() }, '198.19.1.1')).status);
    single.push((await postResponse(A, { clientKey: randomUUID() }, '198.19.1.2')).status);
  }
  expect(single.filter((s) => s === 201)).toHaveLength(FLOOD_PER_MINUTE); // the cap on one instance
  expect(split.filter((s) => s === 201)).toHaveLength(FLOOD_PER_MINUTE); // the same total over two
  expect(split.filter((s) => s === 429)).toHaveLength(6);

  // Sign-in lockout: five wrong passwords, alternately (neither instance alone saw five), lock the account on both.
  for (let i = 0; i < 5; i++) {
    await signInOn(page, i % 2 ? B : A, STAFF.lockout, `wrong-password-${i}-xyz`);
    await expect(page.locator('.notice[role=alert]')).toContainText('อีเมลหรือรหัสผ่านไม่ถูกต้อง', slow);
  }
  await signInOn(page, B, STAFF.lockout); // the right password, now refused until the window ends
  await expect(page.locator('.notice[role=alert]')).toContainText('ลองเข้าสู่ระบบผิดหลายครั้งเกินไป', slow);
  await expect(page).toHaveURL(/\/th\/staff\/login/, slow);

  // Tracking: an address may look up 20 receipt codes per 10 minutes, found or not; 11 on each instance make 22.
  const misses: number[] = [];
  for (let i = 0; i < 22; i++) {
    const r = await fetch(`${i % 2 ? B : A}/api/track/KP-2570-9${String(i).padStart(5, '0')}-MKHT`, {
      headers: { 'x-forwarded-for': '198.19.1.3' },
    });
    misses.push(r.status);
  }
  expect(misses).toEqual([...Array(20).fill(404), 429, 429]);
});

test('the same client key sent to both at once, and a kiosk batch resent to the other, are stored once', async ({ browser }) => {
  test.setTimeout(120_000);
  const keys = Array.from({ length: 8 }, () => randomUUID());
  for (const [i, key] of keys.entries()) {
    const [a, b] = await Promise.all([
      postResponse(A, { clientKey: key, overallRating: 2 }, addressOf(1000 + i)),
      postResponse(B, { clientKey: key, overallRating: 2 }, addressOf(1000 + i)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]); // one created it, the other found it
    expect(a.json.reference).toBe(b.json.reference);
  }
  expect(
    await one('select count(*)::int as n, count(distinct client_key)::int as keys from response where client_key = any($1::uuid[])', [
      keys,
    ]),
  ).toEqual({ n: keys.length, keys: keys.length });

  const { context, page } = await signedInContext(browser, A);
  const code = await issueKioskCode(page, 'civil-registration', 'สองเครื่อง');
  await context.close();
  // The tablet pairs once (on A), and syncs with the device token it was given, on either instance.
  const paired = await fetch(`${A}/api/kiosk/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, servicePoint: 'civil-registration' }),
  });
  expect(paired.status).toBe(200);
  const { token } = (await paired.json()) as { token: string };
  const now = Date.now();
  const presses = Array.from({ length: 6 }, (_, i) => ({
    clientKey: randomUUID(),
    rating: (i % 5) + 1,
    pressedAt: new Date(now - (i + 1) * 60_000).toISOString(),
  }));
  const sync = async (base: string) => {
    const r = await fetch(`${base}/api/kiosk/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, sentAt: new Date().toISOString(), presses }),
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { results: { clientKey: string; status: string; reference: string }[] }).results;
  };
  const first = await sync(A);
  expect(first.map((r) => r.status)).toEqual(Array(6).fill('stored'));
  const again = await sync(B); // the tablet lost A's answer and sent the batch to the other instance
  expect(again.map((r) => r.status)).toEqual(Array(6).fill('duplicate'));
  expect(again.map((r) => r.reference)).toEqual(first.map((r) => r.reference));
  const racing = await Promise.all([sync(A), sync(B)]); // and to both at once
  for (const results of racing) expect(results.map((r) => r.status)).toEqual(Array(6).fill('duplicate'));
  expect(
    await one('select count(*)::int as n from response where client_key = any($1::uuid[])', [presses.map((p) => p.clientKey)]),
  ).toEqual({ n: 6 });
});

/** satisfaction_stats, the function every dashboard figure comes from, as the server calls it. */
async function dashboard() {
  const client = await pair.owner.connect();
  try {
    await client.query('begin');
    await client.query('set local role service_role');
    const { rows } = await client.query<{
      s: {
        counts: { responses: number; flagged: number };
        overall: { n: number; mean: number };
        distribution: { rating: number; count: number }[];
      };
    }>("select public.satisfaction_stats(null, 'th') as s");
    await client.query('commit');
    const s = rows[0]!.s;
    return {
      responses: s.counts.responses,
      flagged: s.counts.flagged,
      n: s.overall.n,
      mean: Number(s.overall.mean.toFixed(10)),
      levels: [...s.distribution].sort((x, y) => x.rating - y.rating).map((d) => d.count),
    };
  } finally {
    client.release();
  }
}

/** The same figures as a plain count over the raw tables. */
async function rawCount() {
  const r = await one<{ responses: number; flagged: number; mean: string; levels: number[] }>(`
    select count(*) filter (where flag is null)::int as responses, count(*) filter (where flag is not null)::int as flagged,
           avg(overall_rating) filter (where flag is null)::text as mean,
           (select array_agg((select count(*)::int from response x where x.flag is null and x.overall_rating = g) order by g)
            from generate_series(1, 5) g) as levels
    from response`);
  return { responses: r.responses, flagged: r.flagged, n: r.responses, mean: Number(Number(r.mean).toFixed(10)), levels: r.levels };
}

test(`statistics stay exact after ${SUBMISSIONS} submissions spread over both, folded by both`, async () => {
  test.setTimeout(240_000);
  let next = 0;
  const statuses: number[] = [];
  const worker = async () => {
    for (let i = next++; i < SUBMISSIONS; i = next++) {
      const answers = i % 3 === 0 ? { staff_polite: ((i * 7) % 5) + 1, process_speed: ((i * 3) % 5) + 1 } : undefined;
      const r = await postResponse(
        i % 2 ? B : A,
        { clientKey: randomUUID(), overallRating: ((i * 13) % 5) + 1, servicePoint: i % 4 ? 'civil-registration' : 'waste-fees', answers },
        addressOf(i),
      );
      statuses.push(r.status);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  expect(statuses.filter((s) => s !== 201)).toEqual([]);
  expect(await dashboard()).toEqual(await rawCount()); // most still pending: readers add them from the raw rows

  // Every pending response settled at once: both instances' folds (every 2 s) race for them. Each must be folded once.
  await sql("update public.stat_pending set queued_at = now() - interval '1 hour'");
  await expect.poll(async () => (await one<{ n: number }>('select count(*)::int as n from stat_pending')).n, { timeout: 90_000 }).toBe(0);
  const raw = await rawCount();
  expect(await dashboard()).toEqual(raw);
  // The rollup tables themselves, not only what readers make of them: n and Σ rating per day, point and channel.
  const rollup = await sql(`
    select day::text, service_point_id::int, channel, n::int, sum_rating::int from stat_rating_day where item_code = 'overall' and n > 0
    order by 1, 2, 3`);
  const grouped = await sql(`
    select timezone('Asia/Bangkok', created_at)::date::text as day, service_point_id::int, channel, count(*)::int as n, sum(overall_rating)::int as sum_rating
    from response where flag is null group by 1, 2, 3 order by 1, 2, 3`);
  expect(rollup).toEqual(grouped);
});

test('the alert job, the statistics fold and the contact purge each act once, never twice', async () => {
  test.setTimeout(240_000);
  // Alerts: an unhappy burst at a quiet point (and the load above raised some of its own). Each alert is decided by
  // one instance (alert_event), and delivered once (the outbox row claimed by one instance).
  for (let i = 0; i < 6; i++)
    await postResponse(i % 2 ? B : A, { clientKey: randomUUID(), overallRating: 1, servicePoint: 'building-permit' }, addressOf(5000 + i));
  await expect
    .poll(
      async () =>
        (
          await one<{ n: number }>(`
    select count(*)::int as n from alert_event e join service_point p on p.id = e.service_point_id where p.slug = 'building-permit'`)
        ).n,
      { timeout: 60_000 },
    )
    .toBe(1);
  await expect
    .poll(async () => (await one<{ n: number }>("select count(*)::int as n from notification_outbox where status <> 'sent'")).n, {
      timeout: 60_000,
    })
    .toBe(0);
  const events = await sql<{ id: number; service_point_id: number; window_start: Date; window_end: Date }>(
    'select id::int, service_point_id::int, window_start, window_end from alert_event order by service_point_id, window_start',
  );
  expect(events.length).toBeGreaterThanOrEqual(1);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.service_point_id !== events[i - 1]!.service_point_id) continue;
    expect(events[i]!.window_start.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.window_end.getTime()); // no response in two alerts
  }
  const delivered = pair.hooks
    .filter((h) => h.type === 'alert')
    .map((h) => h.alertId)
    .sort((x, y) => x - y);
  expect(delivered).toEqual(events.map((e) => e.id).sort((x, y) => x - y)); // each alert delivered exactly once

  // The fold: every response reached the rollups exactly once (the rollups equalled a GROUP BY of the raw rows
  // above, after both instances' folds raced for them); the burst just sent is pending, and still counted once.
  expect(await dashboard()).toEqual(await rawCount());

  // The purge: both instances run it a minute after they start; three expired contacts, erased once, one audit row.
  await expect
    .poll(
      async () =>
        (
          await one<{ n: number }>(
            "select coalesce(sum((result ->> 'purged')::int), 0)::int as n from job_run where job = 'purge_expired_contacts'",
          )
        ).n,
      { timeout: Math.max(30_000, 100_000 - (Date.now() - pair.startedAt)) },
    )
    .toBe(3);
  await new Promise((resolve) => setTimeout(resolve, 5_000)); // the other instance's run, if it was later
  expect(
    await one(`
    select count(*) filter (where (result ->> 'purged')::int > 0)::int as acted, coalesce(sum((result ->> 'purged')::int), 0)::int as purged
    from job_run where job = 'purge_expired_contacts'`),
  ).toEqual({ acted: 1, purged: 3 });
  expect(await one('select count(*)::int as n from contact_detail')).toEqual({ n: 0 });
  expect(await sql("select after from audit_log where entity = 'contact_detail' and action = 'purge'")).toEqual([{ after: { count: 3 } }]);
});

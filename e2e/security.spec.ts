import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ownAddress } from './helpers';
import { emailOf, passwordOf } from './staff';

/**
 * Security promises checked as tests.
 *
 * Cookies: the staff session and the device cookie are HttpOnly, SameSite=Lax and Secure whenever the app runs with
 * NODE_ENV=production. This server runs in production mode over http://localhost, and the cookies are Secure here
 * too: browsers treat http://localhost as a secure context and accept Secure cookies from it, so the e2e run checks
 * exactly the flags a deployment behind HTTPS sends (the app never drops Secure because a hop was plain HTTP).
 *
 * Logs: a citizen's phone number, email, name, words and address never reach the server's log (stdout and stderr,
 * kept by scripts/serve-e2e.mjs in <data dir>/server.log), whatever path they take: submitted, refused, erased,
 * or read by staff.
 */

const serverLog = path.resolve(process.env.E2E_DATA_DIR ?? '.data-e2e', 'server.log');

function cookieFlags(setCookie: string, name: string): string[] {
  const line = setCookie.split('\n').find((l) => l.startsWith(`${name}=`));
  expect(line, `Set-Cookie for ${name}`).toBeTruthy();
  return line!
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());
}

test('the staff session cookie is HttpOnly, SameSite=Lax and Secure', async ({ page }) => {
  await page.goto('/th/staff/login');
  await page.getByLabel('อีเมล').fill(emailOf('pr'));
  await page.getByLabel('รหัสผ่าน').fill(passwordOf('pr'));
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/th/staff/login'),
    page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click(),
  ]);
  const flags = cookieFlags((await response.allHeaders())['set-cookie'] ?? '', 'siang_session');
  expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
  await expect(page).toHaveURL(/\/th\/staff$/);
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'siang_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
});

test('the device cookie is HttpOnly, SameSite=Lax and Secure, also behind an HTTPS proxy', async ({ playwright, baseURL }) => {
  for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
    const request = await playwright.request.newContext({ baseURL }); // no cookie yet: the server sets one
    const r = await request.post('/api/responses', {
      headers,
      data: { clientKey: randomUUID(), servicePoint: 'waste-fees', locale: 'th', overallRating: 4 },
    });
    expect(r.status()).toBe(201);
    const flags = cookieFlags(
      r
        .headersArray()
        .filter((h) => h.name.toLowerCase() === 'set-cookie')
        .map((h) => h.value)
        .join('\n'),
      'siang_device',
    );
    expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
    await request.dispose();
  }
});

test('no personal data reaches the server log: submitted, refused, erased, or read by staff', async ({ page, request, browser }) => {
  const unique = Date.now().toString().slice(-7);
  const phone = `089${unique}`;
  const email = `pii-${unique}@example.org`;
  const name = `นางสาวทดสอบ ลับเฉพาะ${unique}`;
  const words = `ท่อระบายน้ำหน้าบ้านเลขที่ ${unique} อุดตัน`;
  const address = `203.0.113.${Number(unique) % 250}`;
  const logBefore = fs.existsSync(serverLog) ? fs.statSync(serverLog).size : 0;

  // Submitted from the citizen's browser (with a reply wanted), then refused (a bad email next to the same details).
  const created = await page.request.post('/api/responses', {
    headers: { 'x-forwarded-for': address },
    data: {
      clientKey: randomUUID(),
      servicePoint: 'civil-registration',
      locale: 'th',
      overallRating: 2,
      suggestion: { text: words },
      contact: { consent: true, name, phone, email },
    },
  });
  expect(created.status()).toBe(201);
  const { reference, receiptCode } = (await created.json()) as { reference: string; receiptCode: string };
  // The receipt stays in the browser: httpOnly and SameSite=Lax, never in a URL (issue 17).
  const receipt = (await page.context().cookies()).find((c) => c.name === `siang_receipt_${reference}`);
  expect(receipt).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const receiptSecret = receipt!.value.split('.')[1]!;
  const refused = await request.post('/api/responses', {
    headers: { 'x-forwarded-for': address },
    data: {
      clientKey: randomUUID(),
      servicePoint: 'civil-registration',
      overallRating: 2,
      suggestion: { text: words },
      contact: { consent: true, name, phone, email: `${email}@@` },
    },
  });
  expect(refused.status()).toBe(400);
  const broken = await request.post('/api/responses', {
    headers: { 'x-forwarded-for': address, 'content-type': 'application/json' },
    data: Buffer.from(`{"suggestion":{"text":"${words}"},"contact":{"phone":"${phone}"`),
  });
  expect(broken.status()).toBe(400);

  // Read by staff: the PR officer opens the suggestion, with its contact details.
  const staff = await browser.newContext();
  const pr = await staff.newPage();
  await pr.goto('/th/staff/login');
  await pr.getByLabel('อีเมล').fill(emailOf('pr'));
  await pr.getByLabel('รหัสผ่าน').fill(passwordOf('pr'));
  await pr.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(pr).toHaveURL(/\/th\/staff$/);
  await pr.goto(`/th/staff/feedback?q=${reference}`);
  await pr
    .getByRole('link', { name: new RegExp(reference) })
    .first()
    .click();
  await expect(pr.getByText(phone)).toBeVisible();

  // A stranger with the whole receipt code (and the phone number) is offered no erasure: only the receipt proves it.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await stranger.goto(`/th/track/${receiptCode}`);
  await expect(stranger.getByText('ได้รับเรื่องแล้ว')).toBeVisible();
  await expect(stranger.getByRole('button', { name: 'ลบข้อมูลติดต่อของฉัน' })).toHaveCount(0);
  await expect(stranger.getByText('ทำได้จากโทรศัพท์หรือเบราว์เซอร์ที่ใช้ส่งเรื่องนี้', { exact: false })).toBeVisible();
  await strangerContext.close();

  // Erased by the citizen on the tracking page of the browser that sent it: one button, one neutral answer.
  await page.goto(`/th/track/${receiptCode}`);
  await page.getByRole('button', { name: 'ลบข้อมูลติดต่อของฉัน' }).click();
  await expect(page.getByText('ดำเนินการแล้ว ข้อมูลติดต่อที่ผูกกับเรื่องนี้ (ถ้ามี) ถูกลบแล้ว')).toBeVisible();
  await pr.reload();
  await expect(pr.getByText(words)).toBeVisible();
  await expect(pr.getByText(phone)).toHaveCount(0); // erased
  await staff.close();

  await page.waitForTimeout(1_000); // let the server flush its log
  const log = fs.readFileSync(serverLog).subarray(logBefore).toString('utf8');
  expect(log.length, 'the server logged this flow (LOG_LEVEL info)').toBeGreaterThan(0);
  for (const secret of [phone, email, name, words, address, receiptSecret]) expect(log, `the log contains ${secret}`).not.toContain(secret);
});

/** A GET sent from a loopback address of the test's choosing (127.0.0.0/8 is all this machine's), so that the per-address
 *  limits it runs into are its own and never those of 127.0.0.1, which the other tests share. */
function getFrom(localAddress: string, pathname: string, headers: Record<string, string>): Promise<number> {
  const port = Number(process.env.E2E_PORT ?? 3210);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: pathname, localAddress, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
  });
}

test('a client cannot name its own address: forged X-Forwarded-For and socket headers share one limit', async () => {
  // The attack: without a proxy, 149 submissions each with a new forged X-Forwarded-For were all counted. Here the
  // tracking limit (20 lookups per address in 10 minutes) is the witness: every guess names a new address, and may
  // even try to forge the header server.mjs writes, yet the 21st guess is refused because the socket is one. The test
  // server trusts 127.0.0.1 as its proxy (TRUSTED_PROXIES, scripts/serve-e2e.mjs); this client is not it.
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    statuses.push(
      await getFrom('127.0.0.17', `/api/track/NO-0000-${String(100000 + i)}-MKHT`, {
        'x-forwarded-for': `198.51.100.${i + 1}`,
        'x-siang-socket-address': `2001:db8:${i + 1}::1`,
        'x-real-ip': `192.0.2.${i + 1}`,
      }),
    );
  }
  expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
  expect(statuses[20]).toBe(429);
  // Another address (another loopback socket) is not affected.
  expect(await getFrom('127.0.0.18', '/api/track/NO-0000-200000-MKHT', {})).toBe(404);
});

test('the loopback proxy is believed whichever loopback the browser reaches: each named address has its own limit', async ({ browser }) => {
  // The browser opens http://localhost, which it may reach over ::1 as well as 127.0.0.1. Both are the machine's own
  // proxy (TRUSTED_PROXIES, scripts/serve-e2e.mjs); when only 127.0.0.1 was, a browser that came over ::1 was counted
  // as ::1 whatever it named, so every spec's tracking lookups shared one limit and a late spec was refused at once.
  const first = ownAddress();
  const guesser = await browser.newPage({ locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': first } });
  for (let i = 0; i < 20; i++) {
    await guesser.goto(`/th/track/NO-0000-${String(300000 + i)}-MKHT`);
    await expect(guesser.getByRole('heading', { level: 1 })).toBeVisible(); // not found, and not yet refused
  }
  await guesser.goto('/th/track/NO-0000-300020-MKHT');
  await expect(guesser.getByRole('alert').filter({ hasText: 'ค้นหาบ่อยเกินไป' })).toBeVisible();
  let second = ownAddress();
  while (second === first) second = ownAddress();
  const neighbour = await browser.newPage({ locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': second } });
  await neighbour.goto('/th/track/NO-0000-300021-MKHT');
  await expect(neighbour.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(neighbour.getByRole('alert').filter({ hasText: 'ค้นหาบ่อยเกินไป' })).toHaveCount(0);
  await guesser.close();
  await neighbour.close();
});

/** The headers every page gets (proxy.ts), which files served from paths with a dot must get too. */
function expectPageSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('same-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
  expect(headers['content-security-policy'], what).toMatch(/default-src 'none'.*sandbox/);
}

test('the CSV and XLSX exports and the Atom feed carry the security headers', async ({ page, request }) => {
  const feed = await request.get('/th/improvements/feed.xml');
  expect(feed.status()).toBe(200);
  expectPageSecurityHeaders(feed.headers(), 'feed.xml');
  const refused = await request.get('/api/staff/exports/responses.csv'); // not signed in: a JSON 401, headers too
  expect(refused.status()).toBe(401);
  expectPageSecurityHeaders(refused.headers(), 'the export refused');

  await page.goto('/th/staff/login');
  await page.getByLabel('อีเมล').fill(emailOf('pr'));
  await page.getByLabel('รหัสผ่าน').fill(passwordOf('pr'));
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(page).toHaveURL(/\/th\/staff$/, { timeout: 30_000 }); // bcrypt (cost 12) on a busy shared machine
  for (const file of ['responses.csv', 'responses.xlsx', 'tables.csv', 'tables.xlsx']) {
    const answer = await page.request.get(`/api/staff/exports/${file}`);
    expect(answer.status(), file).toBe(200);
    expect(answer.headers()['content-disposition'], file).toContain('attachment');
    expectPageSecurityHeaders(answer.headers(), file);
  }
});

test('the Atom feed links to PUBLIC_BASE_URL, whatever Host or X-Forwarded-Host a client sends', async ({ request, baseURL }) => {
  for (const headers of [{ host: 'evil.example' }, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }] as Record<
    string,
    string
  >[]) {
    const feed = await request.get('/th/improvements/feed.xml', { headers });
    expect(feed.status()).toBe(200);
    const xml = await feed.text();
    expect(xml).not.toContain('evil.example');
    expect(xml).toContain(`<link rel="self" href="${baseURL}/th/improvements/feed.xml"/>`);
  }
});

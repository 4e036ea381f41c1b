import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { addStaff } from '../lib/auth/staff-accounts';
import { openPostgres } from '../lib/db/postgres';
import type { SqlDb } from '../lib/db/types';
import { startSupabaseStandIn, type SupabaseStandIn } from './supabase-stand-in';

/**
 * Supabase mode end to end (issue 19): the app with SUPABASE_URL and its keys, in a real browser, against a stand-in
 * for Supabase Auth, PostgREST and Storage that enforces their rules (e2e/supabase-stand-in.ts). The first access
 * token lives 5 seconds: it is due for renewal from the sign-in on (supabase-js renews in a token's last 90 seconds)
 * and has really expired when the staff member next opens a page, as a real one has after a lunch break. They stay
 * signed in across it with exactly one refresh, made by proxy.ts before that page renders: none on the redirect after
 * signing in (Next.js renders it internally and drops its cookies), none in a server component (which cannot write
 * the new cookies), and a second use of the same refresh token is refused, which would sign them out. A citizen's
 * submission is stored, and evidence reaches Storage. Needs TEST_DATABASE_URL for the database behind the stand-in.
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const appPort = Number(process.env.E2E_PORT ?? 3210) + 3;
const base = `http://localhost:${appPort}`;
const email = 'pr-supabase@example.go.th';
const password = 'a-long-staff-password';
const FIRST_TOKEN_SECONDS = 5;

test.describe.configure({ mode: 'serial', timeout: 120_000 });
test.skip(!serverUrl, 'TEST_DATABASE_URL is not set, so there is no database behind the Supabase stand-in');

let dbName: string;
let db: SqlDb;
let supabase: SupabaseStandIn;
let app: ChildProcess | undefined;
const serverLog: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dbName = `siang_e2e_${randomBytes(5).toString('hex')}`;
  const root = new pg.Client({ connectionString: serverUrl });
  await root.connect();
  await root.query(`create database ${dbName}`);
  await root.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${dbName}`;
  db = await openPostgres({ connectionString: url.toString(), max: 4 });
  await addStaff(db, { email, role: 'pr_officer', displayName: 'สมศรี ซูปาเบส', password });
  supabase = await startSupabaseStandIn(db, appPort - 1, FIRST_TOKEN_SECONDS);
  const env = {
    ...process.env,
    SIANG_DB: 'supabase',
    DATABASE_URL: '',
    SUPABASE_URL: supabase.url,
    SUPABASE_ANON_KEY: supabase.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: supabase.serviceRoleKey,
    SESSION_SECRET: randomUUID() + randomUUID(),
    SOURCE_HASH_SECRET: randomUUID() + randomUUID(),
    NODE_ENV: 'production' as const,
  };
  // server.mjs, as `npm start` runs it (a bare `next start` is refused in production: it cannot tell a client's address).
  app = spawn(process.execPath, [path.resolve('server.mjs'), '-p', String(appPort)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  app.stdout!.on('data', (c) => serverLog.push(String(c)));
  app.stderr!.on('data', (c) => serverLog.push(String(c)));
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not become healthy in Supabase mode');
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  await testInfo.attach('stand-in requests', { body: supabase.log.join('\n') });
  await testInfo.attach('server log', { body: serverLog.join('') });
});

test.afterAll(async () => {
  app?.kill('SIGTERM');
  await supabase?.close();
  await db?.close();
  const root = new pg.Client({ connectionString: serverUrl });
  await root.connect();
  await root.query(`drop database if exists ${dbName} with (force)`);
  await root.end();
});

test('a staff member stays signed in past the access token’s expiry, with exactly one refresh', async ({ page, context }) => {
  await page.goto(`${base}/th/staff/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  const signedInAt = Date.now();
  await expect(page).toHaveURL(/\/th\/staff$/, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'ออกจากระบบ' })).toBeVisible();
  expect(supabase.counts.passwordSignIns).toBe(1);

  const [cookie] = (await context.cookies()).filter((c) => c.name.startsWith('sb-'));
  // Secure as in production (NODE_ENV=production above): Chromium keeps a Secure cookie on http://localhost, a
  // trustworthy origin, so the sign-in above already worked with it; on a real deployment it travels over HTTPS only.
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
  expect(cookie!.expires * 1000 - Date.now()).toBeLessThan(8 * 3600 * 1000 + 60_000); // 8 hours, not 400 days

  expect(supabase.counts.refreshes).toBe(0); // not on the redirect after signing in, though the token was already due
  // The first access token has now really expired (not only entered supabase-js's renewal margin).
  await page.waitForTimeout(Math.max(0, signedInAt + (FIRST_TOKEN_SECONDS + 2) * 1000 - Date.now()));
  for (const path of ['/th/staff/feedback', '/th/staff', '/th/staff/actions']) {
    await page.goto(`${base}${path}`);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
  }
  expect(supabase.counts.refreshes).toBe(1);
  expect(supabase.counts.refused).toBe(0);
});

test('a citizen’s submission is stored through PostgREST', async ({ request }) => {
  const posted = await request.post(`${base}/api/responses`, {
    data: {
      clientKey: randomUUID(),
      servicePoint: 'civil-registration',
      locale: 'th',
      overallRating: 4,
      suggestion: { text: 'บริการรวดเร็วดีมาก', category: 'other' },
    },
  });
  expect(posted.status()).toBe(201);
  const { reference } = await posted.json();
  const rows = await db.ownerQuery('select s.body from suggestion s join response r on r.id = s.response_id where r.reference = $1', [
    reference,
  ]);
  expect(rows).toEqual([{ body: 'บริการรวดเร็วดีมาก' }]);
});

test('evidence uploaded on an improvement action reaches Storage, and leaves it when removed', async ({ page }) => {
  await page.goto(`${base}/th/staff/login`);
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(page).toHaveURL(/\/th\/staff$/, { timeout: 30_000 });
  await page.goto(`${base}/th/staff/actions/new`);
  const title = `ติดป้ายบอกทาง ${Date.now().toString(36)}`;
  await page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(title);
  await page.getByLabel('กองที่รับผิดชอบ').selectOption('engineering');
  await page.getByRole('button', { name: 'สร้าง' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await page
    .getByLabel('ไฟล์ (JPEG, PNG, WebP หรือ PDF ไม่เกิน 5 MB)')
    .setInputFiles({ name: 'sign.png', mimeType: 'image/png', buffer: await page.screenshot() });
  await page.getByRole('button', { name: 'อัปโหลด' }).click();
  await expect(page.getByRole('region', { name: 'หลักฐาน (ภาพถ่าย หรือเอกสาร PDF)' }).getByRole('img')).toBeVisible();
  expect(supabase.objects.size).toBe(1);
  // Removed from the page, it is removed from Storage too.
  await page.getByRole('link', { name: 'ลบไฟล์นี้' }).click();
  await page.getByRole('button', { name: 'ยืนยัน ลบไฟล์' }).click();
  await expect(page.getByRole('status')).toHaveText('ลบไฟล์แล้ว');
  expect(supabase.objects.size).toBe(0);
});

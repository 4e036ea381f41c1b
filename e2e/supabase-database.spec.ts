import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { createSupabaseShaped, type SupabaseShaped } from '../supabase/tests/supabase-shaped';

/**
 * The README's Supabase path with DATABASE_URL, in a real browser (issue 19): a database shaped as a Supabase
 * project's (supabase/tests/supabase-shaped.ts), `supabase db push --include-seed`, `npm run staff:add`, the app
 * started on it, a citizen's suggestion, the staff member's sign-in through the form and a triage. Then the schema
 * falls behind the code, and the staff pages say which command to run. Needs TEST_DATABASE_URL (as the db tests).
 */

const serverUrl = process.env.TEST_DATABASE_URL;
const port = Number(process.env.E2E_PORT ?? 3210) + 1;
const base = `http://localhost:${port}`;
const run = promisify(execFile);
const bin = (name: string) => path.resolve('node_modules', '.bin', name);
const email = 'somsri@example.go.th';
const password = 'a-long-staff-password';

test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.skip(!serverUrl, 'TEST_DATABASE_URL is not set, so the Supabase-shaped database cannot be built');

let project: SupabaseShaped;
let app: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  project = await createSupabaseShaped(serverUrl!, { defaultGrants: false, ownsStoragePolicies: false });
  const dbUrl = `${project.url}?sslmode=disable`;
  await run(bin('supabase'), ['db', 'push', '--db-url', dbUrl, '--include-seed', '--yes'], { timeout: 240_000 });
  const env = {
    ...process.env,
    DATABASE_URL: project.url,
    SIANG_DB: '',
    SUPABASE_URL: '',
    SESSION_SECRET: randomUUID() + randomUUID(),
    SOURCE_HASH_SECRET: randomUUID() + randomUUID(),
    NODE_ENV: 'production' as const,
  };
  const add = execFile(bin('tsx'), ['scripts/staff-add.ts', '--email', email, '--role', 'admin', '--name', 'สมศรี', '--password-stdin'], {
    env,
  });
  add.stdin!.end(`${password}\n`);
  await new Promise<void>((resolve, reject) =>
    add.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`staff:add exited ${code}`)))),
  );

  // server.mjs, as `npm start` runs it (a bare `next start` is refused in production: it cannot tell a client's address).
  app = spawn(process.execPath, [path.resolve('server.mjs'), '-p', String(port)], { env, stdio: 'ignore' });
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not become healthy on the Supabase-shaped database');
});

test.afterAll(async () => {
  app?.kill('SIGTERM');
  await project?.close();
});

test('a staff member added with staff:add signs in through the form and triages a citizen’s suggestion', async ({ page }) => {
  const posted = await page.request.post(`${base}/api/responses`, {
    data: {
      clientKey: randomUUID(),
      servicePoint: 'building-permit',
      locale: 'th',
      overallRating: 2,
      suggestion: { text: 'ขอป้ายบอกทางไปห้องยื่นเอกสาร', category: 'other' },
    },
  });
  expect(posted.status()).toBe(201);
  const reference = (await posted.json()).reference as string;

  await page.goto(`${base}/th/staff/login`);
  await page.getByLabel('อีเมล').fill('Somsri@Example.go.th');
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(page).toHaveURL(/\/th\/staff$/, { timeout: 30_000 }); // bcrypt (cost 12) on a busy machine

  await page.goto(`${base}/th/staff/feedback`);
  await page.getByLabel('ค้นหาข้อความหรือเลขอ้างอิง').fill(reference);
  await page.getByRole('button', { name: 'กรอง' }).click();
  await page.getByRole('link', { name: reference }).click();
  await page.getByLabel('ส่งต่อให้กอง').selectOption('engineering');
  await page.getByLabel('บันทึกภายใน (เจ้าหน้าที่เท่านั้น)').fill('ประสานกองช่างแล้ว');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
  await expect(page.getByRole('region', { name: 'ประวัติการดำเนินการ' })).toContainText('สมศรี');
});

test('the admin adds a staff member through the form, who can sign in; the page says to deactivate, not delete', async ({ browser }) => {
  const admin = await browser.newPage({ locale: 'th-TH' });
  await admin.goto(`${base}/th/staff/login`);
  await admin.getByLabel('อีเมล').fill(email);
  await admin.getByLabel('รหัสผ่าน').fill(password);
  await admin.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(admin).toHaveURL(/\/th\/staff$/, { timeout: 30_000 });
  await admin.goto(`${base}/th/staff/admin/staff`);
  await expect(admin.getByText('หากต้องการนำเจ้าหน้าที่ออก ให้ยกเลิก "ใช้งานได้"')).toBeVisible();
  const form = admin.getByRole('region', { name: 'เพิ่มบัญชีเจ้าหน้าที่' });
  await form.getByLabel('อีเมล').fill('wichai@example.go.th');
  await form.getByLabel('ชื่อที่แสดง').fill('วิชัย');
  await form.getByLabel('บทบาท').selectOption('executive');
  await form.getByRole('button', { name: 'เพิ่ม' }).click();
  const shown = admin.getByRole('status').filter({ hasText: 'wichai@example.go.th' });
  await expect(shown).toBeVisible({ timeout: 30_000 });
  const newPassword = /: (\S+)$/.exec((await shown.textContent())!.trim())![1]!;

  const { rows } = await project.admin.query(
    "select u.aud, i.provider from auth.users u join auth.identities i on i.user_id = u.id where u.email = 'wichai@example.go.th'",
  );
  expect(rows).toEqual([{ aud: 'authenticated', provider: 'email' }]);
  const staff = await browser.newPage({ locale: 'th-TH' });
  await staff.goto(`${base}/th/staff/login`);
  await staff.getByLabel('อีเมล').fill('wichai@example.go.th');
  await staff.getByLabel('รหัสผ่าน').fill(newPassword);
  await staff.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(staff).toHaveURL(/\/th\/staff$/, { timeout: 30_000 });
});

test('on a schema older than the code, health says so and staff pages name the command to run', async ({ page }) => {
  await project.admin.query(
    'delete from supabase_migrations.schema_migrations where version = (select max(version) from supabase_migrations.schema_migrations)',
  );
  const health = await page.request.get(`${base}/api/health`);
  expect(health.status()).toBe(503);
  expect((await health.json()).migrations.pending).toHaveLength(1);
  // Staff pages ask at most every 30 seconds (lib/db/schema-check.ts).
  await page.waitForTimeout(31_000);
  await page.goto(`${base}/en/staff`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The database is older than this version of Siang');
  await expect(page.getByRole('alert').filter({ hasText: 'Siang' })).toContainText('1 migration pending');
  await expect(page.locator('pre code')).toContainText('npm start');
});

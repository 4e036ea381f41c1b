import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { expect, test, type Page } from '@playwright/test';
import { startLineStandIn, type LineStandIn } from '../lib/line/testing/line-stand-in';

/**
 * LINE as a first-class optional channel (issue 21), against an app of its own with LINE configured (port
 * E2E_PORT + 6, data in <E2E_DATA_DIR>-line) and a local stand-in for LINE's API (E2E_PORT + 10) that @line/bot-sdk is
 * pointed at. The Official Account's webhook, a citizen following their suggestion in LINE through LIFF (in
 * @line/liff-mock's mode; the ID token is still verified with "LINE", the stand-in), a PR officer's reply pushed to
 * them, and nothing pushed once they erase the link. And the survey in LINE's in-app browser, with JavaScript on and
 * off, asking for no LINE login.
 */

const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const APP_PORT = BASE_PORT + 6;
const STAND_IN_PORT = Number(process.env.LINE_STAND_IN_PORT ?? BASE_PORT + 10);
const APP = `http://localhost:${APP_PORT}`;
const DATA_DIR = `${process.env.E2E_DATA_DIR ?? '.data-e2e'}-line`;
const SECRET = '0123456789abcdef0123456789abcdef';
const TOKEN = 'e2e-line-channel-access-token-000000';
const LOGIN_CHANNEL = '1650000001';
const CITIZEN = `U${'c'.repeat(32)}`;
const ASKER = `U${'e'.repeat(32)}`;
/** LINE's in-app browser on Android announces itself so (the "Line/<version>" token is what sites look for). */
const LINE_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 Line/14.3.1/IAB';

let line: LineStandIn;
let app: ChildProcess;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(420_000);
  line = await startLineStandIn({ port: STAND_IN_PORT, accessToken: TOKEN });
  line.addIdToken('id_token', CITIZEN, LOGIN_CHANNEL); // @line/liff-mock's liff.getIDToken() answers 'id_token'
  line.setProfile(ASKER, 'en');
  app = spawn(process.execPath, ['scripts/serve-e2e.mjs', String(APP_PORT)], {
    env: {
      ...process.env,
      E2E_DATA_DIR: DATA_DIR,
      E2E_LOG_LEVEL: 'warn',
      LINE_CHANNEL_ID: '1650000000',
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LIFF_ID: `${LOGIN_CHANNEL}-AbCdEfGh`,
      LINE_STAFF_TO: `C${'a'.repeat(32)}`,
      LINE_API_BASE_URL: line.url,
      LINE_LIFF_MOCK: 'true',
      ALERT_JOB_SECONDS: '5',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 400_000;
  for (;;) {
    try {
      if ((await fetch(`${APP}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('the LINE app did not start');
    await new Promise((r) => setTimeout(r, 1000));
  }
});

test.afterAll(async () => {
  app?.kill('SIGTERM');
  await line?.close();
});

const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64');
const textEvent = (text: string, userId: string, replyToken = randomUUID().replaceAll('-', '')) => ({
  destination: `U${'0'.repeat(32)}`,
  events: [
    {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      webhookEventId: randomUUID(),
      replyToken,
      source: { type: 'user', userId },
      message: { id: '1', type: 'text', quoteToken: 'q', text },
    },
  ],
});

async function suggest(page: Page, text: string): Promise<{ reference: string; receiptCode: string; key: string }> {
  const key = randomUUID();
  const created = await page.request.post('/api/responses', {
    data: { clientKey: key, servicePoint: 'civil-registration', locale: 'th', overallRating: 2, suggestion: { text } },
  });
  expect(created.status()).toBe(201);
  const { reference, receiptCode } = (await created.json()) as { reference: string; receiptCode: string };
  return { reference, receiptCode, key };
}

async function signInAs(page: Page, email: string) {
  const accounts = JSON.parse(fs.readFileSync(path.resolve(DATA_DIR, 'demo-accounts.json'), 'utf8')) as Record<string, string>;
  await page.goto('/th/staff/login');
  await page.getByLabel('อีเมล').fill(email);
  await page.getByLabel('รหัสผ่าน').fill(accounts[email]!);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
  await expect(page).toHaveURL(/\/th\/staff$/, { timeout: 30_000 }); // bcrypt on a busy machine
}

async function replyAs(page: Page, reference: string, reply: string) {
  await page.goto('/th/staff/feedback');
  await page.getByLabel('ค้นหาข้อความหรือเลขอ้างอิง').fill(reference);
  await page.getByRole('button', { name: 'กรอง' }).click();
  await page.getByRole('link', { name: reference }).click();
  await page.getByLabel('ตอบประชาชน (แสดงที่หน้าติดตามเรื่อง)').fill(reply);
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
}

test('the webhook answers a reference with its status in the citizen\'s language, and "not found" politely', async ({ page, request }) => {
  // The whole code on the receipt (reference + check code): a bare reference is sequential, so it opens nothing.
  const { receiptCode: reference } = await suggest(page, 'ห้องน้ำไม่สะอาด');
  const body = JSON.stringify(textEvent(`  ${reference}  `, ASKER, 'reply-found'));
  const answered = await request.post('/api/line/webhook', {
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
    data: body,
  });
  expect(answered.status()).toBe(200);
  await expect.poll(() => line.replies.find((r) => r.replyToken === 'reply-found')?.text).toContain(`${reference} (`);
  const found = line.replies.find((r) => r.replyToken === 'reply-found')!.text;
  expect(found).toContain('Status: Received'); // the profile's language is English
  expect(found).toContain(`/en/track/${reference}`);

  const unknown = JSON.stringify(textEvent('KP-2499-999999-MKHT', `U${'d'.repeat(32)}`, 'reply-unknown')); // no profile: Thai
  expect(
    (
      await request.post('/api/line/webhook', {
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(unknown) },
        data: unknown,
      })
    ).status(),
  ).toBe(200);
  await expect
    .poll(() => line.replies.find((r) => r.replyToken === 'reply-unknown')?.text)
    .toBe('ขออภัย ไม่พบเลขอ้างอิงนี้ กรุณาตรวจสอบอีกครั้ง เลขอ้างอิงมีลักษณะเช่น KP-2570-000123');
});

test('the webhook refuses a bad or missing signature with 401 and answers nothing', async ({ request }) => {
  const body = JSON.stringify(textEvent('KP-2570-000001', ASKER, 'reply-forged'));
  const before = line.raw.length;
  const attempts: Record<string, string>[] = [
    {},
    { 'x-line-signature': sign(body, 'f'.repeat(32)) },
    { 'x-line-signature': 'not base64 at all' },
  ];
  for (const headers of attempts) {
    const refused = await request.post('/api/line/webhook', { headers: { 'content-type': 'application/json', ...headers }, data: body });
    expect(refused.status()).toBe(401);
  }
  // A signed body altered on the way is refused as well.
  const tampered = await request.post('/api/line/webhook', {
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
    data: body.replace('KP-2570-000001', 'KP-2570-000002'),
  });
  expect(tampered.status()).toBe(401);
  await new Promise((r) => setTimeout(r, 500));
  expect(line.raw.length).toBe(before); // not even a profile was asked for
  expect(line.replies.some((r) => r.replyToken === 'reply-forged')).toBe(false);
});

test('fuzzed webhook bodies, signed or not, never get a 5xx', async ({ request }) => {
  test.setTimeout(180_000);
  const event = fc.record(
    {
      type: fc.oneof(fc.constantFrom('message', 'unfollow', 'follow', 'postback', 'join'), fc.string()),
      replyToken: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      source: fc.oneof(
        fc.record({ type: fc.constant('user'), userId: fc.oneof(fc.string(), fc.constant(ASKER), fc.integer()) }),
        fc.jsonValue(),
      ),
      message: fc.oneof(
        fc.record({
          type: fc.constantFrom('text', 'sticker', 'image'),
          text: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('KP-2570-000001'), fc.integer()),
        }),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  );
  const bodies = fc.oneof(
    fc.record({ destination: fc.string(), events: fc.array(event, { maxLength: 4 }) }).map((b) => JSON.stringify(b)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 300 }),
  );
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(bodies, fc.boolean(), async (body, signed) => {
      const response = await request.post('/api/line/webhook', {
        headers: {
          'content-type': 'application/json',
          ...(signed ? { 'x-line-signature': sign(body) } : { 'x-line-signature': sign(body).slice(1) }),
        },
        data: Buffer.from(body),
      });
      statuses[response.status()] = (statuses[response.status()] ?? 0) + 1;
      expect(response.status(), body).toBeLessThan(500);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 150), seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000) },
  );
  test.info().annotations.push({ type: 'fuzz', description: JSON.stringify(statuses) });
});

test("a citizen follows their suggestion in LINE, gets a PR officer's reply there, erases the link, and gets nothing more", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const citizen = await browser.newPage({ userAgent: LINE_UA });
  // Which scripts carry the LIFF SDK (a string of its own, in no code of ours): none before the citizen asks for it.
  const scripts: { url: string; liff: boolean }[] = [];
  citizen.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    scripts.push({ url: r.url(), liff: (await r.text().catch(() => '')).includes('liff-subwindow.line.me') });
  });
  // The survey, as a citizen does it: a tap, a suggestion, the receipt.
  await citizen.goto('/th/s/civil-registration');
  await citizen.getByRole('button', { name: /^พอใจน้อย$/ }).click();
  await expect(citizen).toHaveURL(/\/more\?/);
  await citizen.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('อยากให้มีที่จอดรถมากกว่านี้');
  await citizen.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  await expect(citizen).toHaveURL(/\/thanks\?ref=/);
  // The receipt prints the reference with its check code (issue 17); staff see the reference, and LINE's messages
  // carry the whole code, since the tracking page they link to asks for it.
  const code = (await citizen.locator('output.reference').textContent())!.trim();
  const reference = code.split('-').slice(0, 3).join('-');
  await citizen.waitForLoadState('networkidle');
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((x) => x.liff)).toEqual([]); // the survey and the receipt never load LIFF

  await citizen.getByRole('link', { name: 'ติดตามเรื่องนี้ใน LINE' }).click();
  await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('ติดตามเรื่องนี้ใน LINE');
  const consent = citizen.getByLabel('ฉันยินยอมให้เก็บรหัสผู้ใช้ LINE ของฉันเพื่อส่งข้อความเกี่ยวกับเรื่องนี้');
  await expect(consent).not.toBeChecked(); // never pre-ticked
  await citizen.getByRole('button', { name: 'เชื่อมต่อกับ LINE' }).click();
  await expect(citizen.getByRole('alert').filter({ hasText: 'กรุณาติ๊กยินยอมก่อนเชื่อมต่อ' })).toBeVisible();
  await consent.check();
  await citizen.getByRole('button', { name: 'เชื่อมต่อกับ LINE' }).click();
  await expect(citizen.getByRole('status')).toHaveText(`เชื่อมต่อแล้ว ท่านจะได้รับข้อความเรื่อง ${reference} ทาง LINE`);
  await expect.poll(() => scripts.some((x) => x.liff)).toBe(true); // loaded on the tap, on this page

  // A PR officer replies; the alert job pushes it to the citizen's LINE.
  const staff = await browser.newPage({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false } as never);
  await signInAs(staff, 'pr@siang.demo');
  await replyAs(staff, reference, 'ได้รับเรื่องแล้ว จะเพิ่มที่จอดรถด้านหลังอาคาร');
  await expect
    .poll(() => line.pushes.filter((p) => p.to === CITIZEN).map((p) => p.text), { timeout: 60_000 })
    .toContainEqual(`เทศบาลตอบเรื่อง ${code}:\nได้รับเรื่องแล้ว จะเพิ่มที่จอดรถด้านหลังอาคาร\n\nติดตาม: ${APP}/th/track/${code}`);
  expect(line.pushes.filter((p) => p.to === CITIZEN).every((p) => !p.text.includes('อยากให้มีที่จอดรถ'))).toBe(true); // never their words

  // The citizen erases the link (a plain form), and the next reply goes nowhere.
  await citizen.reload();
  await citizen.getByRole('button', { name: 'ลบการเชื่อมต่อ LINE' }).click();
  await expect(citizen.getByRole('status').first()).toHaveText('ลบการเชื่อมต่อ LINE แล้ว จะไม่มีข้อความส่งถึงท่านอีก');
  const pushed = line.pushes.filter((p) => p.to === CITIZEN).length;
  await replyAs(staff, reference, 'ดำเนินการเรียบร้อยแล้ว');
  await new Promise((r) => setTimeout(r, 15_000)); // three rounds of the alert job (every 5 s)
  expect(line.pushes.filter((p) => p.to === CITIZEN)).toHaveLength(pushed);
});

test('the admin sees which LINE settings are present and the webhook URL, and sends a test message', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } } as never);
  await signInAs(page, 'admin@siang.demo');
  await page.goto('/th/staff/admin/alerts');
  const section = page.getByRole('region', { name: 'LINE' });
  await expect(section).toContainText('LINE_CHANNEL_SECRET: มี');
  await expect(section).not.toContainText(SECRET);
  await expect(page.getByTestId('line-webhook-url')).toHaveText(`${APP}/api/line/webhook`);
  const before = line.pushes.length;
  await section.getByRole('button', { name: 'ส่งข้อความทดสอบถึงเจ้าหน้าที่' }).click();
  await expect(section.getByRole('status')).toHaveText('ส่งข้อความทดสอบแล้ว');
  // Other staff notices may arrive meanwhile (the alert job runs every 5 s): the test message arrives once.
  expect(line.pushes.slice(before).filter((p) => p.text.includes('Siang'))).toEqual([
    expect.objectContaining({ to: `C${'a'.repeat(32)}` }),
  ]);
});

for (const javaScriptEnabled of [true, false]) {
  test(`the survey works in LINE's in-app browser with JavaScript ${javaScriptEnabled ? 'on' : 'off'}, anonymous, no LINE login`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      userAgent: LINE_UA,
      javaScriptEnabled,
      locale: 'th-TH',
      viewport: { width: 412, height: 915 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    const lineHosts: string[] = [];
    page.on('request', (r) => {
      if (/line\.me|line-scdn|liff/i.test(r.url())) lineHosts.push(r.url());
    });
    await page.goto('/s/civil-registration');
    await page.getByRole('button', { name: /^พอใจมาก$/ }).click();
    await expect(page).toHaveURL(/\/more\?/);
    await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('บริการดี');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    await expect(page).toHaveURL(/\/thanks\?ref=KP-/);
    await expect(page.locator('output.reference')).toHaveText(/^KP-25\d\d-\d{6}/);
    expect(lineHosts).toEqual([]);
    await context.close();
  });
}

import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import my from '../messages/my.json';
import { issueKioskCode, storageStateOf } from './staff';

/**
 * The kiosk as a tablet lives with it (issue 18, "On the tablet"): it opens to the faces after a reload or a reboot
 * with no network, its queued presses intact and each sent once when the network is back; a device code pairs one
 * tablet once, expires, and can be revoked before use; and the next citizen finds the counter's own language again.
 *
 * Offline here is the network gone for the service worker too: setOffline reaches a service worker's own requests
 * in this Playwright (it did not in older ones, microsoft/playwright#2311), and every request of the tablet's context,
 * the worker's included, is also aborted as a dead network would, so the reload can only come from the tablet's cache.
 */

test.describe.configure({ mode: 'serial' });

const POINT = 'complaints-centre';
const FACES = { th5: 'พอใจมากที่สุด', th2: 'พอใจน้อย', th3: 'พอใจปานกลาง' };
const PROMPT_TH = 'แตะหน้าที่ตรงกับความรู้สึกของท่าน';

/** A code issued with a one-minute lifetime at the start, tried on a tablet at the end (when it has expired). */
let shortLived: { code: string; issuedAt: number } | null = null;

async function staffPage(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf('admin'), locale: 'th-TH' });
  return { context, page: await context.newPage() };
}

async function tabletContext(browser: Browser) {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'th-TH', serviceWorkers: 'allow' });
}

async function pair(kiosk: Page, code: string) {
  await kiosk.goto(`/th/kiosk/${POINT}`);
  await kiosk.getByLabel('รหัสอุปกรณ์').fill(code);
  await kiosk.getByRole('button', { name: 'จับคู่แท็บเล็ต' }).click();
}

/** One citizen on a Thai kiosk: a face, skip the follow-up, the thank-you, and the faces again. */
async function press(kiosk: Page, face: string) {
  await kiosk.getByRole('button', { name: face, exact: true }).click();
  await kiosk.getByRole('button', { name: 'ข้าม', exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: 'ขอบคุณที่ร่วมประเมิน' })).toBeVisible();
  await expect(kiosk.getByRole('button', { name: FACES.th5, exact: true })).toBeVisible({ timeout: 10_000 });
}

/** The network gone, for the page and its service worker alike. */
const dead = (route: import('@playwright/test').Route) => route.abort('internetdisconnected');
async function networkOff(tablet: BrowserContext) {
  await tablet.setOffline(true);
  await tablet.route('**/*', dead);
}
async function networkOn(tablet: BrowserContext) {
  await tablet.unroute('**/*', dead);
  await tablet.setOffline(false);
}

async function tabletRow(admin: Page, label: string) {
  await admin.goto(`/th/staff/admin/service-points/${POINT}`);
  return admin.locator('tr', { hasText: label });
}

test('a code issued for one minute is issued now (it is tried on a tablet at the end of this file)', async ({ browser }) => {
  const { context, page } = await staffPage(browser);
  await page.goto(`/th/staff/admin/service-points/${POINT}`);
  const ttl = page.getByLabel('รหัสอุปกรณ์หมดอายุหลังออก (นาที)');
  await expect(ttl).toHaveValue('60'); // the default
  await ttl.fill('1');
  await page.getByRole('button', { name: 'ใช้การตั้งค่าแท็บเล็ต' }).click();
  await expect(page.getByLabel('รหัสอุปกรณ์หมดอายุหลังออก (นาที)')).toHaveValue('1');
  try {
    shortLived = { code: await issueKioskCode(page, POINT, 'รหัสอายุหนึ่งนาที'), issuedAt: Date.now() };
  } finally {
    await page.goto(`/th/staff/admin/service-points/${POINT}`);
    await page.getByLabel('รหัสอุปกรณ์หมดอายุหลังออก (นาที)').fill('60');
    await page.getByRole('button', { name: 'ใช้การตั้งค่าแท็บเล็ต' }).click();
    await expect(page.getByLabel('รหัสอุปกรณ์หมดอายุหลังออก (นาที)')).toHaveValue('60');
  }
  await context.close();
});

test('a reload with the network off opens to the faces with the queue intact, and each press is sent once when back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context: adminContext, page: admin } = await staffPage(browser);
  const label = 'แท็บเล็ตไม่มีเน็ต';
  const code = await issueKioskCode(admin, POINT, label);
  const tablet = await tabletContext(browser);
  const kiosk = await tablet.newPage();
  await pair(kiosk, code);
  await expect(kiosk.getByText(`จับคู่แล้ว: ${label}`)).toBeVisible();
  // The tablet says when it can carry on without a network (the page and its files are kept on it).
  await expect(kiosk.getByText('พร้อมใช้งานแม้ไม่มีอินเทอร์เน็ต')).toBeVisible({ timeout: 30_000 });

  await networkOff(tablet);
  await press(kiosk, FACES.th2);
  await expect(kiosk.getByRole('status').filter({ hasText: 'ออฟไลน์' })).toHaveText('ออฟไลน์ — รอส่ง 1 รายการ');

  // The tablet is reloaded (or rebooted) with no network: the faces, the pairing and the waiting press are all there.
  await kiosk.reload();
  await expect(kiosk.getByRole('button', { name: FACES.th5, exact: true })).toBeVisible();
  await expect(kiosk.getByText(`จับคู่แล้ว: ${label}`)).toBeVisible();
  await expect(kiosk.getByRole('status').filter({ hasText: 'ออฟไลน์' })).toHaveText('ออฟไลน์ — รอส่ง 1 รายการ');
  await press(kiosk, FACES.th3);
  await expect(kiosk.getByRole('status').filter({ hasText: 'ออฟไลน์' })).toHaveText('ออฟไลน์ — รอส่ง 2 รายการ');

  await networkOn(tablet);
  await expect(kiosk.getByTestId('kiosk-report')).toHaveText('ส่งแล้ว 2 · ซ้ำ 0 · ไม่รับ 0', { timeout: 30_000 });
  await expect(kiosk.getByText(/รอส่ง/)).toHaveCount(0);
  await expect((await tabletRow(admin, label)).getByTestId('kiosk-presses')).toHaveText('2');

  // The worker keeps the kiosk only: no staff page, no API answer, nothing of a citizen's survey is in its cache.
  const cached = await kiosk.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  expect(cached).toContain(`/th/kiosk/${POINT}`);
  expect(cached.filter((path) => !/^\/(th|en|my)\/kiosk\/|^\/_next\/static\/|^\/icon\.svg$/.test(path))).toEqual([]);
  const scope = await kiosk.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope);
  expect(new URL(scope!).pathname).toBe('/th/kiosk/');
  await tablet.close();
  await adminContext.close();
});

test('a code pairs one tablet once: a second tablet is refused, and the admin sees one tablet', async ({ browser }) => {
  const { context: adminContext, page: admin } = await staffPage(browser);
  const label = 'แท็บเล็ตรหัสเดียว';
  const code = await issueKioskCode(admin, POINT, label);
  await expect(await tabletRow(admin, label)).toContainText('รอจับคู่');

  const first = await tabletContext(browser);
  const one = await first.newPage();
  await pair(one, code);
  await expect(one.getByText(`จับคู่แล้ว: ${label}`)).toBeVisible();

  const second = await tabletContext(browser);
  const two = await second.newPage();
  await pair(two, code);
  await expect(two.locator('.notice-error')).toHaveText('รหัสนี้ใช้จับคู่แท็บเล็ตไปแล้ว รหัสหนึ่งใช้ได้กับแท็บเล็ตเครื่องเดียว กรุณาขอรหัสใหม่จากผู้ดูแลระบบ');
  await expect(two.getByRole('button', { name: FACES.th5, exact: true })).toHaveCount(0);

  // The paired tablet goes on working, and is the only one the admin sees under that name.
  await press(one, FACES.th5);
  await expect(one.getByTestId('kiosk-report')).toHaveText('ส่งแล้ว 1 · ซ้ำ 0 · ไม่รับ 0', { timeout: 15_000 });
  const row = await tabletRow(admin, label);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('จับคู่แล้ว');
  await expect(row.getByTestId('kiosk-presses')).toHaveText('1');
  await first.close();
  await second.close();
  await adminContext.close();
});

test('an issued but unused code is listed and can be revoked before use; the tablet is then refused', async ({ browser }) => {
  const { context: adminContext, page: admin } = await staffPage(browser);
  const label = 'แท็บเล็ตยังไม่จับคู่';
  const code = await issueKioskCode(admin, POINT, label);
  const row = await tabletRow(admin, label);
  await expect(row).toContainText('รอจับคู่');
  await row.getByRole('button', { name: 'ยกเลิกการจับคู่' }).click();
  await expect(admin.getByText('ยกเลิกการจับคู่แล้ว แท็บเล็ตนี้ส่งคะแนนไม่ได้อีก')).toBeVisible();
  await expect(admin.locator('tr', { hasText: label })).toContainText('ยกเลิกแล้ว');

  const tablet = await tabletContext(browser);
  const kiosk = await tablet.newPage();
  await pair(kiosk, code);
  await expect(kiosk.locator('.notice-error')).toHaveText('รหัสอุปกรณ์นี้ถูกยกเลิกแล้ว ระบบไม่รับคะแนนจากแท็บเล็ตนี้');
  await tablet.close();
  await adminContext.close();
});

test('the next citizen finds the counter’s own language: a Burmese citizen’s choice ends with their thank-you', async ({ browser }) => {
  const { context: adminContext, page: admin } = await staffPage(browser);
  const code = await issueKioskCode(admin, POINT, 'แท็บเล็ตหลายภาษา');
  const tablet = await tabletContext(browser);
  const kiosk = await tablet.newPage();
  await pair(kiosk, code);
  await expect(kiosk.getByText(PROMPT_TH)).toBeVisible();

  await kiosk
    .getByRole('link', { name: 'မြန်မာ' })
    .or(kiosk.getByRole('button', { name: 'မြန်မာ' }))
    .click();
  await expect(kiosk.getByText(my.kiosk.tapPrompt)).toBeVisible();
  await kiosk.getByRole('button', { name: my.faces['4'], exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: my.kiosk.followUp })).toBeVisible();
  await kiosk.getByRole('button', { name: my.kiosk.skip, exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: my.kiosk.thanks })).toBeVisible();
  // After the thank-you, the next citizen is greeted in Thai, the counter's language.
  await expect(kiosk.getByText(PROMPT_TH)).toBeVisible({ timeout: 10_000 });
  await expect(kiosk.getByRole('button', { name: FACES.th5, exact: true })).toBeVisible();
  await expect(kiosk.getByText(my.kiosk.tapPrompt)).toHaveCount(0);
  await tablet.close();
  await adminContext.close();
});

test('a language chosen by someone who walks away without rating is undone after a minute', async ({ browser }) => {
  const { context: adminContext, page: admin } = await staffPage(browser);
  const code = await issueKioskCode(admin, POINT, 'แท็บเล็ตเดินจากไป');
  const tablet = await tabletContext(browser);
  const kiosk = await tablet.newPage();
  await kiosk.clock.install();
  await pair(kiosk, code);
  await kiosk
    .getByRole('link', { name: 'မြန်မာ' })
    .or(kiosk.getByRole('button', { name: 'မြန်မာ' }))
    .click();
  await expect(kiosk.getByText(my.kiosk.tapPrompt)).toBeVisible();
  await kiosk.clock.runFor(61_000);
  await expect(kiosk.getByText(PROMPT_TH)).toBeVisible();
  await tablet.close();
  await adminContext.close();
});

test('an expired code is refused with a clear message, and the admin sees it expired', async ({ browser }) => {
  test.setTimeout(150_000);
  expect(shortLived, 'the first test issued the short-lived code').not.toBeNull();
  const wait = shortLived!.issuedAt + 62_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const tablet = await tabletContext(browser);
  const kiosk = await tablet.newPage();
  await pair(kiosk, shortLived!.code);
  await expect(kiosk.locator('.notice-error')).toHaveText('รหัสอุปกรณ์นี้หมดอายุแล้ว กรุณาขอรหัสใหม่จากผู้ดูแลระบบ');
  await tablet.close();
  const { context: adminContext, page: admin } = await staffPage(browser);
  await expect(await tabletRow(admin, 'รหัสอายุหนึ่งนาที')).toContainText('รหัสหมดอายุ');
  await adminContext.close();
});

test("the kiosk links a manifest that installs this counter's kiosk, full screen, within its own scope, with icons that load", async ({
  browser,
}) => {
  const tablet = await tabletContext(browser);
  const kiosk = await tablet.newPage();
  for (const [locale, name] of [
    ['th', 'ศูนย์รับเรื่องราวร้องทุกข์'],
    ['en', 'Complaints and requests centre'],
  ] as const) {
    await kiosk.goto(`/${locale}/kiosk/${POINT}`);
    // The manifest the page itself links to, as a browser offering "Install app" would find it.
    const href = await kiosk.locator('link[rel="manifest"]').getAttribute('href');
    expect(href, locale).not.toBeNull();
    const manifestUrl = new URL(href!, kiosk.url());
    const response = await kiosk.request.get(manifestUrl.toString());
    expect(response.status(), locale).toBe(200);
    expect(response.headers()['content-type']).toContain('application/manifest+json');
    const manifest = (await response.json()) as {
      name: string;
      lang: string;
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; type?: string }[];
    };
    expect(manifest.name).toContain(name);
    expect(manifest.lang).toBe(locale);
    // It opens this counter's kiosk, and nothing outside this language's kiosk (no staff page, no citizen survey) is in scope.
    const start = new URL(manifest.start_url, manifestUrl);
    const scope = new URL(manifest.scope, manifestUrl);
    expect(start.pathname).toBe(`/${locale}/kiosk/${POINT}`);
    expect(scope.pathname).toBe(`/${locale}/kiosk/`);
    expect(start.pathname.startsWith(scope.pathname)).toBe(true);
    expect(['fullscreen', 'standalone']).toContain(manifest.display);
    expect(manifest.icons.length).toBeGreaterThan(0);
    for (const icon of manifest.icons) {
      const loaded = await kiosk.request.get(new URL(icon.src, manifestUrl).toString());
      expect(loaded.status(), icon.src).toBe(200);
      if (icon.type) expect(loaded.headers()['content-type'], icon.src).toContain(icon.type);
    }
  }
  await tablet.close();
});

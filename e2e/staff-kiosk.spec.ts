import { expect, test, type Browser, type Page } from '@playwright/test';
import { storageStateOf } from './staff';

/**
 * Kiosk mode, end to end: an admin issues a device code, a tablet pairs with it, citizens press faces online and
 * offline, and each press reaches the database exactly once (the tablet's own sync report and the staff page's count
 * of presses agree). Then the admin revokes the tablet: its next sync is refused and its waiting presses are kept aside.
 */

const POINT = 'complaints-centre';
const TABLET = 'เคาน์เตอร์ทดสอบคีออสก์';

async function adminPage(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf('admin'), locale: 'th-TH' });
  return { context, page: await context.newPage() };
}

async function pressesOf(admin: Page): Promise<string> {
  await admin.goto(`/th/staff/admin/service-points/${POINT}`);
  return (await admin.locator('tr', { hasText: TABLET }).getByTestId('kiosk-presses').textContent()) ?? '';
}

/** One citizen: a face, then skip the follow-up (or answer it), then back to the faces after the thank-you. */
async function press(kiosk: Page, face: string, reason?: string) {
  await kiosk.getByRole('button', { name: face, exact: true }).click();
  await kiosk.getByRole('button', { name: reason ?? 'ข้าม', exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: 'ขอบคุณที่ร่วมประเมิน' })).toBeVisible();
  await expect(kiosk.getByRole('button', { name: 'พอใจมากที่สุด', exact: true })).toBeVisible({ timeout: 10_000 });
}

test('a kiosk answers offline, sends each press exactly once when back online, and a revoked kiosk keeps its presses aside', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page: admin, context: adminContext } = await adminPage(browser);
  await admin.goto(`/th/staff/admin/service-points/${POINT}`);
  await admin.getByLabel('ชื่อแท็บเล็ต (เช่น เคาน์เตอร์ 1)').fill(TABLET);
  await admin.getByRole('button', { name: 'ออกรหัสอุปกรณ์' }).click();
  const shown = admin.getByRole('status').filter({ hasText: 'แสดงครั้งเดียว' });
  await expect(shown).toBeVisible();
  const code = /[A-Z2-7]{4}(?:-[A-Z2-7]{4}){4}/.exec((await shown.textContent()) ?? '')![0];

  const tablet = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'th-TH' });
  const kiosk = await tablet.newPage();
  await kiosk.goto(`/th/kiosk/${POINT}`);
  await kiosk.getByLabel('รหัสอุปกรณ์').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
  await kiosk.getByRole('button', { name: 'จับคู่แท็บเล็ต' }).click();
  await expect(kiosk.locator('.notice-error')).toHaveText('ไม่พบรหัสอุปกรณ์นี้ กรุณาตรวจสอบรหัสอีกครั้ง');
  await kiosk.getByLabel('รหัสอุปกรณ์').fill(code.toLowerCase()); // typed as a person would
  await kiosk.getByRole('button', { name: 'จับคู่แท็บเล็ต' }).click();
  await expect(kiosk.getByText(`จับคู่แล้ว: ${TABLET}`)).toBeVisible();
  const report = kiosk.getByTestId('kiosk-report');

  // Online, with the follow-up question answered.
  await press(kiosk, 'พอใจมากที่สุด', 'เจ้าหน้าที่');
  await expect(report).toHaveText('ส่งแล้ว 1 · ซ้ำ 0 · ไม่รับ 0', { timeout: 15_000 });

  // Offline: the page keeps working, the presses wait on the tablet.
  await tablet.setOffline(true);
  await press(kiosk, 'พอใจน้อยที่สุด', 'เวลารอคิว');
  await press(kiosk, 'พอใจน้อย');
  await press(kiosk, 'พอใจปานกลาง');
  await expect(kiosk.getByRole('status').filter({ hasText: 'ออฟไลน์' })).toHaveText('ออฟไลน์ — รอส่ง 3 รายการ');
  await tablet.setOffline(false);
  await expect(kiosk.getByText(/รอส่ง/)).toHaveCount(0, { timeout: 20_000 });
  await expect(report).toHaveText('ส่งแล้ว 4 · ซ้ำ 0 · ไม่รับ 0');

  // A sync whose answer is lost on the way back: the server stored the press, the tablet sends it again.
  let lost = false;
  await kiosk.route('**/api/kiosk/sync', async (route) => {
    if (lost) return route.continue();
    await route.fetch(); // the server stores it…
    lost = true;
    await route.abort('connectionreset'); // …but the answer never reaches the tablet
  });
  await press(kiosk, 'พอใจมาก');
  await expect(report).toHaveText('ส่งแล้ว 4 · ซ้ำ 1 · ไม่รับ 0', { timeout: 30_000 });
  expect(lost).toBe(true);
  await kiosk.unroute('**/api/kiosk/sync');

  // Staff see five presses from this tablet: each arrived exactly once.
  expect(await pressesOf(admin)).toBe('5');

  // Revoked while the tablet is offline with two presses waiting.
  await tablet.setOffline(true);
  await press(kiosk, 'พอใจมาก');
  await press(kiosk, 'พอใจน้อย');
  await admin.locator('tr', { hasText: TABLET }).getByRole('button', { name: 'ยกเลิกการจับคู่' }).click();
  await expect(admin.getByText('ยกเลิกการจับคู่แล้ว แท็บเล็ตนี้ส่งคะแนนไม่ได้อีก')).toBeVisible();
  await tablet.setOffline(false);
  const refused = kiosk.locator('.kiosk-revoked');
  await expect(refused).toContainText('แท็บเล็ตนี้ถูกยกเลิกการจับคู่แล้ว', { timeout: 20_000 });
  await expect(refused).toContainText('คะแนน 2 รายการที่ยังไม่ได้ส่งถูกเก็บแยกไว้ในเครื่องนี้');
  // Kept aside on the tablet (still there after a reload), and not stored.
  await kiosk.reload();
  await expect(kiosk.locator('.kiosk-revoked')).toContainText('คะแนน 2 รายการ');
  expect(await pressesOf(admin)).toBe('5');
  await expect(admin.locator('tr', { hasText: TABLET })).toContainText('ยกเลิกแล้ว');

  // The endpoints themselves answer the revoked tablet's token, and its code, with 403 and a message in the reader's
  // language.
  const { token } = JSON.parse((await kiosk.evaluate((point) => localStorage.getItem(`siang:kiosk:${point}`), POINT))!) as {
    token: string;
  };
  const response = await kiosk.request.post('/api/kiosk/sync', {
    data: { token, sentAt: new Date().toISOString(), locale: 'en', presses: [] },
  });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: 'kiosk_revoked', message: expect.stringContaining('revoked') });
  const again = await kiosk.request.post('/api/kiosk/pair', { data: { code, servicePoint: POINT, locale: 'en' } });
  expect(again.status()).toBe(403);
  expect(await again.json()).toMatchObject({ error: 'kiosk_revoked', message: expect.stringContaining('revoked') });

  await tablet.close();
  await adminContext.close();
});

test('the PR officer finds every counter’s tablets from the menu; a clerk is not offered them', async ({ browser }) => {
  const pr = await browser.newContext({ storageState: storageStateOf('pr'), locale: 'th-TH' });
  const page = await pr.newPage();
  await page.goto('/th/staff');
  await page.getByRole('navigation').getByRole('link', { name: 'แท็บเล็ต', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'แท็บเล็ตประจำจุดบริการ' })).toBeVisible();
  const row = page.locator('tr', { hasText: 'งานทะเบียนราษฎรและบัตรประจำตัวประชาชน' });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').click();
  // The counter's page shows the PR officer its tablets only, where they pair and revoke them.
  await expect(page.getByRole('heading', { name: 'แท็บเล็ตประเมินหน้าเคาน์เตอร์ (คีออสก์)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'ออกรหัสอุปกรณ์' })).toBeVisible();
  await pr.close();

  const clerk = await browser.newContext({ storageState: storageStateOf('clerk'), locale: 'th-TH' });
  const clerkPage = await clerk.newPage();
  await clerkPage.goto('/th/staff');
  await expect(clerkPage.getByRole('navigation').getByRole('link', { name: 'แท็บเล็ต', exact: true })).toHaveCount(0);
  await clerkPage.goto('/th/staff/kiosks');
  await expect(clerkPage.getByText('เฉพาะผู้ดูแลระบบและเจ้าหน้าที่ประชาสัมพันธ์เท่านั้นที่จัดการแท็บเล็ตได้')).toBeVisible();
  await clerk.close();
});

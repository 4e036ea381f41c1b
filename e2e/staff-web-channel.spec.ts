import { expect, test, type Browser, type Page } from '@playwright/test';
import { storageStateOf } from './staff';

/**
 * Issue 18, the website channel: the home page says whose it is and lists every service point, each leading to its
 * survey; a survey opened from there is recorded as "web", not as a QR scan (seen by staff on the suggestion).
 * In the staff project because only staff can see a response's channel.
 */

const ORG = 'เทศบาลตำบลเกษตรพัฒนา';
const POINT_NAME = 'งานทะเบียนราษฎรและบัตรประจำตัวประชาชน';

async function citizenFromHome(browser: Browser, javaScriptEnabled: boolean, text: string): Promise<string> {
  const context = await browser.newContext({ locale: 'th-TH', javaScriptEnabled });
  const page = await context.newPage();
  await page.goto('/th');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ORG);
  await expect(page.getByRole('img', { name: `ตราสัญลักษณ์ ${ORG}` })).toBeVisible();
  const list = page.getByRole('region', { name: 'ประเมินบริการที่ท่านใช้' });
  expect(await list.getByRole('link').count()).toBeGreaterThan(3);
  for (const name of ['ผลความพึงพอใจ', 'ท่านบอก เราทำ', 'การเปิดโอกาสให้มีส่วนร่วม', 'ติดตามเรื่อง', 'เข้าสู่ระบบสำหรับเจ้าหน้าที่']) {
    await expect(page.getByRole('link', { name, exact: true }).first()).toBeVisible();
  }

  await list.getByRole('link', { name: new RegExp(POINT_NAME) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(POINT_NAME);
  await page.getByRole('button', { name: /^พอใจน้อย$/ }).click();
  await expect(page).toHaveURL(/\/more\?.*via=web/);
  await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill(text);
  await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  await expect(page).toHaveURL(/\/thanks\?ref=/);
  const receiptCode = (await page.locator('output.reference').textContent())!.trim();
  await context.close();
  return receiptCode;
}

/** Staff search by the code on the citizen's receipt (reference + check code) and open the suggestion by its reference. */
async function channelOf(page: Page, receiptCode: string): Promise<string> {
  await page.goto('/th/staff/feedback');
  await page.getByLabel('ค้นหาข้อความหรือเลขอ้างอิง').fill(receiptCode);
  await page.getByRole('button', { name: 'กรอง' }).click();
  await page.getByRole('link', { name: receiptCode.split('-').slice(0, 3).join('-'), exact: true }).click();
  return (await page.locator('dt', { hasText: 'ช่องทาง' }).locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

test('a survey opened from the home page is recorded as the website channel, with and without JavaScript', async ({ browser }) => {
  test.setTimeout(120_000);
  const withJs = await citizenFromHome(browser, true, `จากเว็บไซต์ ${Date.now()}`);
  const withoutJs = await citizenFromHome(browser, false, `จากเว็บไซต์ไม่มีสคริปต์ ${Date.now()}`);

  const staff = await browser.newContext({ storageState: storageStateOf('pr'), locale: 'th-TH' });
  const page = await staff.newPage();
  expect(await channelOf(page, withJs)).toBe('เว็บไซต์เทศบาล');
  expect(await channelOf(page, withoutJs)).toBe('เว็บไซต์เทศบาล');
  await staff.close();
});

import { randomUUID } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { storageStateOf } from './staff';

/**
 * Survey versions, end to end: the admin copies the version in use into a draft, removes an item and adds one
 * (refused until every language is there), previews it with the real survey, and publishes it. A response given
 * before keeps its version: its suggestion page still shows the removed item's text.
 */

const REMOVED = 'ให้บริการตามลำดับก่อน-หลัง';
const ADDED = 'มีบัตรคิวและเรียกคิวตามลำดับอย่างชัดเจน';

async function asAdmin(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf('admin'), locale: 'th-TH' });
  return { context, page: await context.newPage() };
}

test('a draft is edited, previewed and published, and an old response keeps its old items', async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, context } = await asAdmin(browser);
  // A citizen answered the version in use, before the change.
  const before = await page.request.post('/api/responses', {
    data: {
      clientKey: randomUUID(),
      servicePoint: 'civil-registration',
      locale: 'th',
      overallRating: 2,
      answers: { process_queue: 1, staff_polite: 4 },
      suggestion: { text: 'แซงคิวกันบ่อย อยากให้มีบัตรคิว', category: 'process' },
    },
  });
  expect(before.status()).toBe(201);
  const reference = (await before.json()).reference as string;

  await page.goto('/th/staff/admin/surveys');
  await page.getByRole('button', { name: 'สร้างฉบับร่างจากฉบับที่ใช้อยู่' }).click();
  await expect(page).toHaveURL(/\/th\/staff\/admin\/surveys\/\d+\?saved=1$/);
  const versionNo = Number(new URL(page.url()).pathname.split('/').pop());

  const queueItem = page.getByRole('group', { name: 'ข้อ 4', exact: true });
  await expect(queueItem.getByLabel('รหัสข้อ')).toHaveValue('process_queue');
  await queueItem.getByLabel('นำข้อนี้ออกจากฉบับร่าง').check();
  const added = page.getByRole('group', { name: 'ข้อใหม่ 13 (เว้นว่างได้)' });
  await added.getByLabel('รหัสข้อ').fill('process_queue_card');
  await added.getByLabel('ด้าน').selectOption('process');
  await added.getByLabel('ข้อความ (ไทย)').fill(ADDED);
  await added.getByLabel('ข้อความ (อังกฤษ)').fill('Queue tickets were called clearly, in order');
  await page.getByRole('button', { name: 'บันทึกฉบับร่าง' }).click();
  // Every enabled language is required: refused beside the Burmese field, nothing typed is lost.
  await expect(added.getByText('กรุณากรอกข้อความให้ครบทุกภาษา (ไทย อังกฤษ พม่า)')).toBeVisible();
  await expect(added.getByLabel('ข้อความ (ไทย)')).toHaveValue(ADDED);
  await added.getByLabel('ข้อความ (พม่า)').fill('တန်းစီလက်မှတ်ကို အစီအစဉ်အတိုင်း ရှင်းလင်းစွာ ခေါ်သည်');
  await page.getByRole('button', { name: 'บันทึกฉบับร่าง' }).click();
  await expect(page.getByRole('status')).toHaveText('บันทึกฉบับร่างแล้ว');

  // Preview: the real survey, as a citizen sees it, sending nothing.
  await page.getByRole('link', { name: 'ดูตัวอย่างแบบที่ประชาชนเห็น' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`ตัวอย่าง: แบบสอบถามฉบับที่ ${versionNo}`);
  await expect(page.getByRole('button', { name: 'พอใจมากที่สุด' })).toBeDisabled();
  await expect(page.getByRole('group', { name: ADDED })).toBeVisible();
  await expect(page.getByRole('group', { name: REMOVED })).toHaveCount(0);
  // It validates as for a citizen (the overall rating is required), then says nothing was sent.
  await page.getByRole('group', { name: ADDED }).getByRole('radio', { name: /^5/ }).check();
  await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  await expect(page.locator('.notice-error')).toHaveText('กรุณาตรวจสอบช่องที่มีเครื่องหมายแจ้งเตือน');
  await page.getByRole('group', { name: 'ท่านพึงพอใจต่อการให้บริการในครั้งนี้เพียงใด' }).getByRole('radio', { name: /^4/ }).check();
  await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  await expect(page.getByRole('status')).toHaveText('ตัวอย่างเท่านั้น ไม่ได้บันทึกคำตอบ');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('group', { name: 'Queue tickets were called clearly, in order' })).toBeVisible();

  await page.goto(`/th/staff/admin/surveys/${versionNo}`);
  await page.getByRole('button', { name: 'เผยแพร่ฉบับนี้' }).click();
  await expect(page.getByRole('status')).toHaveText(`เผยแพร่ฉบับที่ ${versionNo} แล้ว`);
  await expect(page.getByRole('row', { name: new RegExp(`ฉบับที่ ${versionNo} ใช้อยู่`) })).toBeVisible();

  // The version before is frozen: shown, never edited (removing an item is only possible as a new version).
  await page.getByRole('link', { name: 'แบบสอบถามฉบับที่ 1' }).click();
  await expect(page.getByText('ฉบับนี้เผยแพร่แล้วจึงแก้ไขไม่ได้')).toBeVisible();
  await expect(page.getByRole('button', { name: 'บันทึกฉบับร่าง' })).toHaveCount(0);

  // A citizen now gets the new survey.
  const citizen = await browser.newPage({ locale: 'th-TH' });
  await citizen.goto('/th/s/civil-registration/more');
  await expect(citizen.getByRole('group', { name: ADDED })).toBeVisible();
  await expect(citizen.getByRole('group', { name: REMOVED })).toHaveCount(0);

  // The old response still shows the item it answered, in its version's words.
  await page.goto('/th/staff/feedback');
  await page.getByLabel('ค้นหาข้อความหรือเลขอ้างอิง').fill(reference);
  await page.getByRole('button', { name: 'กรอง' }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('row', { name: `${REMOVED} 1` })).toBeVisible();
  await citizen.close();
  await context.close();
});

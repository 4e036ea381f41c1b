import { expect, test, type Page } from '@playwright/test';
import { ownAddress, POINT, sequenceOf, tapFace } from './helpers';

/**
 * Issue 18, on the phone with JavaScript: nothing the citizen typed is dropped by "I'm done", and a language switch
 * continues the same response instead of starting a second one.
 */

test.use({ extraHTTPHeaders: { 'x-forwarded-for': ownAddress() } }); // many lookups: this file's own limit

const DONE = 'เสร็จแล้ว ไม่ตอบเพิ่ม';

async function expectTrackedSuggestion(page: Page, reference: string) {
  await page.goto(`/th/track/${reference}`);
  await expect(page.getByRole('heading', { name: 'สถานะข้อเสนอแนะ' })).toBeVisible();
}

test.describe('with JavaScript', () => {
  test('"I\'m done" after typing asks first, and "send" stores the typed suggestion on the same response', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const reference = await tapFace(page, /^พอใจปานกลาง$/);
    await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill(`ห้องน้ำชั้นสองปิด ${Date.now()}`);
    await page.getByRole('button', { name: DONE }).click();

    const question = page.getByRole('alertdialog');
    await expect(question).toBeVisible();
    await expect(question).toBeInViewport();
    await expect(page).toHaveURL(/\/more\?/); // nothing discarded yet
    await question.getByRole('button', { name: 'ส่งสิ่งที่กรอกไว้' }).click();
    await expect(page).toHaveURL(/\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
    await expectTrackedSuggestion(page, reference);
  });

  test('"I\'m done" after typing, then "leave without sending", discards only after the question', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const reference = await tapFace(page, /^พอใจมาก$/);
    await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('ไม่ส่งดีกว่า');
    await page.getByRole('button', { name: DONE }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'ไม่ส่ง ออกจากแบบประเมิน' }).click();
    await expect(page).toHaveURL(/\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
    await page.goto(`/th/track/${reference}`);
    await expect(page.getByRole('heading', { name: 'สถานะข้อเสนอแนะ' })).toHaveCount(0);
  });

  test('"I\'m done" with nothing typed goes straight to the receipt', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const reference = await tapFace(page, /^พอใจมาก$/);
    await page.getByRole('button', { name: DONE }).click();
    await expect(page).toHaveURL(/\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
  });

  test('switching language on the follow-up keeps the tap, survives reload and back, and counts one response', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const reference = await tapFace(page, /^พอใจมาก$/);
    await page.getByRole('link', { name: 'မြန်မာ' }).click();
    await expect(page).toHaveURL(/\/my\/s\/civil-registration\/more\?/);
    const overall = page.locator('input[name="overallRating"][value="4"]');
    await expect(overall).toBeChecked();
    await page.reload();
    await expect(overall).toBeChecked();
    await page.getByRole('link', { name: 'English' }).click();
    await page.goBack();
    await expect(overall).toBeChecked();

    await page.getByRole('button', { name: 'အဖြေများ ပို့ရန်' }).click();
    await expect(page).toHaveURL(/\/my\/s\/civil-registration\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
    await page.goto(`/th/s/${POINT}`);
    expect(sequenceOf(await tapFace(page, /^พอใจมาก$/))).toBe(sequenceOf(reference) + 1); // no second response
  });

  test('receipt codes are found however they are typed or read aloud; a bare reference is asked for its check code', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const code = await tapFace(page, /^พอใจมาก$/);
    const [prefix, year, sequence, check] = code.split('-') as [string, string, string, string];
    const thai = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    const typed = [
      `${prefix} ${year} ${sequence} ${check}`,
      `${prefix}${year}${sequence}${check}`,
      `${prefix.toLowerCase()}-${year}-${String(Number(sequence))}-${check.toLowerCase()}`,
      `${prefix}–${year}–${sequence}–${check}`,
      `${prefix}-${thai(year)}-${thai(sequence)} ${check.split('').join(' ')}`, // letters read aloud one by one
    ];
    for (const input of typed) {
      await page.goto('/th/track');
      await page.getByLabel('เลขอ้างอิง').fill(input);
      await page.getByRole('button', { name: 'ค้นหา' }).click();
      await expect(page, input).toHaveURL(`/th/track/${code}`);
      await expect(page.locator('output.reference')).toHaveText(code);
    }
    // The reference alone (sequential, so guessable) opens nothing: the citizen is asked for the four letters.
    await page.goto('/th/track');
    await page.getByLabel('เลขอ้างอิง').fill(`${prefix}-${year}-${sequence}`);
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await expect(page.locator('.notice[role=alert]')).toContainText('ขาดตัวอักษร 4 ตัวท้ายของรหัส');
    await page.goto(`/th/track/${prefix}-${year}-${sequence}`);
    await expect(page.getByRole('heading', { name: 'ขาดตัวอักษร 4 ตัวท้ายของรหัส' })).toBeVisible();
    await expect(page.locator('output.reference')).toHaveCount(0);
  });
});

import { expect, test } from '@playwright/test';
import { sequenceOf, tapFace } from './helpers';

test.use({ javaScriptEnabled: false });

test.describe('a citizen whose phone runs no JavaScript', () => {
  test('taps once, adds answers, is told what to fix without losing anything, and gets a reference', async ({ page }) => {
    await page.goto('/th/s/land-building-tax');
    const reference = await tapFace(page, /^พอใจน้อยที่สุด$/);
    await expect(page.getByRole('status')).toContainText('บันทึกความพึงพอใจของท่านแล้ว');

    await page.getByRole('group', { name: 'มีป้ายบอกจุดให้บริการชัดเจน' }).getByRole('radio', { name: /^1/ }).check();
    await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('หาโต๊ะชำระภาษีไม่เจอ ไม่มีป้ายบอก');
    // Contact details typed, then consent taken back: the server refuses and keeps everything typed.
    await page.getByLabel(/ยินยอมให้เก็บชื่อ/).check();
    await page.getByLabel('เบอร์โทรศัพท์').fill('0812345678');
    await page.getByLabel(/ยินยอมให้เก็บชื่อ/).uncheck();
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();

    await expect(page.getByText('กรุณาเลือกยินยอมก่อน หากต้องการให้ติดต่อกลับ')).toBeVisible();
    await expect(page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง')).toHaveValue('หาโต๊ะชำระภาษีไม่เจอ ไม่มีป้ายบอก');
    await expect(page.getByRole('group', { name: 'มีป้ายบอกจุดให้บริการชัดเจน' }).getByRole('radio', { name: /^1/ })).toBeChecked();

    await page.getByLabel(/ยินยอมให้เก็บชื่อ/).check();
    await expect(page.getByLabel('เบอร์โทรศัพท์')).toHaveValue('0812345678');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    await expect(page).toHaveURL(/\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
  });

  test('does the same in English', async ({ page }) => {
    await page.goto('/en/s/building-permit');
    const reference = await tapFace(page, /^Satisfied$/);
    await page.getByLabel('Your suggestion').fill('Please post the permit checklist online.');
    await page.getByLabel('This is about').selectOption('information');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page).toHaveURL(/\/en\/s\/building-permit\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
    await page.getByRole('link', { name: 'Follow this' }).click();
    await expect(page.getByText('Received')).toBeVisible();
  });

  test('resubmitting the same form stores no second response', async ({ page }) => {
    await page.goto('/th/s/welfare-allowance');
    const reference = await tapFace(page, /^พอใจมาก$/);
    await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('ขอบคุณที่ช่วยกรอกเอกสาร');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    await expect(page.locator('output.reference')).toHaveText(reference);

    await page.goBack(); // the browser's back button, then the same form sent again
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    await expect(page.locator('output.reference')).toHaveText(reference);

    await page.goto('/th/s/welfare-allowance');
    expect(sequenceOf(await tapFace(page, /^พอใจมาก$/))).toBe(sequenceOf(reference) + 1);
  });

  test('a tampered rating is refused with a message, and nothing is stored', async ({ page }) => {
    await page.goto('/th/s/waste-fees');
    await page
      .locator('button[name="overallRating"]')
      .first()
      .evaluate((b) => b.setAttribute('value', '9'));
    await page.locator('button[name="overallRating"]').first().click();
    await expect(page).toHaveURL(/[?&]error=invalid_rating/);
    await expect(page.getByRole('alert')).toHaveText('กรุณาเลือกระดับความพึงพอใจ 1 ถึง 5');
  });
});

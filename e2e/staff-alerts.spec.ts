import { expect, test } from '@playwright/test';
import { storageStateOf } from './staff';

test.use({ storageState: storageStateOf('admin') });

test('invalid alert settings are refused beside their fields, in the reader’s language, and valid ones saved', async ({ page }) => {
  await page.goto('/th/staff/admin/alerts');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('การแจ้งเตือนและสรุปประจำวัน');
  await page.getByLabel('ร้อยละของคะแนนไม่พอใจ (1–2) ที่ถือว่าต้องแจ้ง').fill('150');
  await page.getByLabel('ช่วงเวลา (นาที)').fill('-15');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page.locator('.notice-error')).toHaveText('กรุณาตรวจสอบช่องที่มีเครื่องหมายแจ้งเตือน');
  await expect(page.locator('#f-unhappyPercent-error')).toHaveText('ค่านี้อยู่นอกช่วงที่รับได้');
  await expect(page.locator('#f-windowMinutes-error')).toHaveText('กรุณากรอกจำนวนเต็ม');
  await expect(page.getByLabel('ร้อยละของคะแนนไม่พอใจ (1–2) ที่ถือว่าต้องแจ้ง')).toHaveValue('150'); // kept

  await page.goto('/en/staff/admin/alerts');
  await page.getByLabel('Window (minutes)').fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#f-windowMinutes-error')).toHaveText('This value is out of the allowed range');

  await page.goto('/th/staff/admin/alerts');
  await page.getByLabel('ร้อยละของคะแนนไม่พอใจ (1–2) ที่ถือว่าต้องแจ้ง').fill('60');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
  await expect(page.getByLabel('ร้อยละของคะแนนไม่พอใจ (1–2) ที่ถือว่าต้องแจ้ง')).toHaveValue('60');
  await page.getByLabel('ร้อยละของคะแนนไม่พอใจ (1–2) ที่ถือว่าต้องแจ้ง').fill('50');
  await page.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
});

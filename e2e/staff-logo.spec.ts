import { expect, test } from '@playwright/test';
import { storageStateOf } from './staff';

/**
 * The municipality's logo (issue 18): the home page showed the app's mark, and no setting could change it. The admin
 * now sets it on the admin page (an image judged by its bytes); the home page and the printed report show it; the
 * profile form beside it keeps every field.
 */

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test('the admin sets the municipality’s logo; the home page and the report show it; a script posing as an image is refused', async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateOf('admin'), locale: 'th-TH' });
  const page = await context.newPage();
  await page.goto('/th/staff/admin');
  const profile = page.locator('form').filter({ has: page.locator('input[name="referencePrefix"]') });
  const nameTh = await profile.locator('input[name="nameTh"]').inputValue();
  await expect(page.getByText('ยังไม่ได้ตั้ง (หน้าแรกแสดงสัญลักษณ์ของระบบ)')).toBeVisible();

  // A page of script named like a picture: judged by its bytes, refused, and nothing changes.
  const logoForm = page.locator('form').filter({ has: page.locator('input[name="logo"]') });
  await logoForm
    .locator('input[name="logo"]')
    .setInputFiles({ name: 'emblem.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"/>') });
  await logoForm.getByRole('button', { name: 'ใช้ภาพนี้เป็นตราสัญลักษณ์' }).click();
  await expect(logoForm.getByText('รับเฉพาะภาพ PNG, JPEG หรือ WebP (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์)')).toBeVisible();

  await logoForm.locator('input[name="logo"]').setInputFiles({ name: 'emblem.png', mimeType: 'image/png', buffer: PNG });
  await logoForm.getByRole('button', { name: 'ใช้ภาพนี้เป็นตราสัญลักษณ์' }).click();
  await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
  await expect(page.getByRole('img', { name: 'ตราสัญลักษณ์ที่ใช้อยู่' })).toBeVisible();
  // The profile beside it is as it was.
  await expect(profile.locator('input[name="nameTh"]')).toHaveValue(nameTh);

  try {
    const citizen = await browser.newContext({ locale: 'th-TH' });
    const home = await citizen.newPage();
    await home.goto('/th');
    const logo = home.getByRole('img', { name: `ตราสัญลักษณ์ ${nameTh}` });
    await expect(logo).toHaveAttribute('src', /^\/api\/logo\?v=\d+$/);
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    const served = await home.request.get((await logo.getAttribute('src'))!);
    expect(served.headers()['content-type']).toBe('image/png');
    expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);
    await citizen.close();

    await page.goto('/th/staff/reports/2569');
    await expect(page.locator('.report-cover img.report-logo')).toHaveAttribute('src', /^\/api\/logo\?v=/);
    await expect(page.locator('.report-cover img.report-logo')).toBeVisible();
  } finally {
    await page.goto('/th/staff/admin');
    await page.getByRole('button', { name: 'นำตราสัญลักษณ์ออก' }).click();
    await expect(page.getByText('ยังไม่ได้ตั้ง (หน้าแรกแสดงสัญลักษณ์ของระบบ)')).toBeVisible();
    await context.close();
  }
  const again = await browser.newContext({ locale: 'th-TH' });
  const home = await again.newPage();
  await home.goto('/th');
  await expect(home.getByRole('img', { name: /^ตราสัญลักษณ์ / })).toHaveAttribute('src', '/icon.svg');
  await again.close();
});

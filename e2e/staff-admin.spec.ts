import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test, type Browser } from '@playwright/test';
import { storageStateOf } from './staff';

async function asAdmin(browser: Browser) {
  const context = await browser.newContext({ storageState: storageStateOf('admin'), locale: 'th-TH' });
  return { context, page: await context.newPage() };
}

/** Read a QR code from a PNG screenshot, as a phone camera would. */
function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

test.describe('the administrator', () => {
  test('adds a service point, prints its poster, and the QR code leads to its survey', async ({ browser }) => {
    const { page, context } = await asAdmin(browser);
    const slug = `test-counter-${Date.now().toString(36)}`;
    await page.goto('/th/staff/admin/service-points');
    await page.getByLabel('รหัสในลิงก์ (อักษรอังกฤษตัวเล็ก ตัวเลข ขีด)').fill(slug);
    await page.getByLabel('ชื่อจุดบริการ (ไทย)').fill('จุดรับชำระค่าน้ำประปา');
    await page.getByLabel('ชื่อจุดบริการ (อังกฤษ)').fill('Water bill payment');
    await page.getByLabel('กองที่รับผิดชอบ').selectOption('finance');
    await page.getByLabel('บริการที่ให้ (บรรทัดละหนึ่งบริการ ภาษาไทย)').fill('ชำระค่าน้ำประปา\nขอติดตั้งมาตรวัดน้ำ');
    await page.getByRole('button', { name: 'เพิ่ม' }).click();
    await expect(page).toHaveURL(new RegExp(`/th/staff/admin/service-points/${slug}\\?saved=1`));

    await page.getByRole('link', { name: 'A4' }).first().click();
    const poster = page.locator('.poster').first();
    await expect(poster).toContainText('จุดรับชำระค่าน้ำประปา');
    await expect(poster).toContainText('สแกนเพื่อประเมินความพึงพอใจ');
    await expect(poster).toContainText('Scan to rate our service');
    const decoded = decodeQr(await poster.locator('.poster-qr').screenshot());
    expect(decoded).toMatch(new RegExp(`^https?://[^/]+/s/${slug}$`));

    // The decoded address, opened by a citizen's phone, shows the new counter.
    const citizen = await browser.newPage({ locale: 'th-TH' });
    await citizen.goto(new URL(decoded!).pathname);
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('จุดรับชำระค่าน้ำประปา');
    await context.close();
  });

  test('is told kindly about a duplicate code, and a retired counter’s QR code still answers kindly', async ({ browser }) => {
    const { page, context } = await asAdmin(browser);
    await page.goto('/th/staff/admin/service-points');
    await page.getByLabel('รหัสในลิงก์ (อักษรอังกฤษตัวเล็ก ตัวเลข ขีด)').fill('civil-registration');
    await page.getByLabel('ชื่อจุดบริการ (ไทย)').fill('ซ้ำ');
    await page.getByRole('button', { name: 'เพิ่ม' }).click();
    await expect(page.getByText('รหัสนี้มีอยู่แล้ว กรุณาใช้รหัสอื่น')).toBeVisible();
    await expect(page.getByLabel('ชื่อจุดบริการ (ไทย)')).toHaveValue('ซ้ำ'); // nothing typed is lost

    await page.goto('/th/staff/admin/service-points/child-development-centre');
    await page.getByLabel('เปิดรับการประเมิน').uncheck();
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');

    const citizen = await browser.newPage({ locale: 'th-TH' });
    const response = await citizen.goto('/th/s/child-development-centre');
    expect(response?.status()).toBe(200);
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('จุดบริการนี้ปิดรับการประเมินแล้ว');
    await expect(citizen.getByRole('button', { name: /พอใจ/ })).toHaveCount(0);

    await page.getByLabel('เปิดรับการประเมิน').check(); // open it again for the other tests
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
    await context.close();
  });

  test('saves the organisation profile without losing a field, and it reads back the same after a reload', async ({ browser }) => {
    const { page, context } = await asAdmin(browser);
    const form = page.locator('form').filter({ has: page.locator('input[name="referencePrefix"]') });
    // Every text field the profile has (prefix and numbers are left alone: other tests rely on them).
    const names = ['nameTh', 'nameEn', 'nameMy', 'officeTh', 'officeEn', 'addressTh', 'addressEn', 'phone', 'email', 'pdpaTh', 'pdpaEn', 'pdpaMy',
      // The yearly report's signature block.
      'preparerNameTh', 'preparerNameEn', 'preparerPositionTh', 'preparerPositionEn',
      'approverNameTh', 'approverNameEn', 'approverPositionTh', 'approverPositionEn'];
    await page.goto('/th/staff/admin');
    const before: Record<string, string> = {};
    for (const name of names) before[name] = await form.locator(`[name="${name}"]`).inputValue();
    expect(before.officeEn, 'the demo organisation has an English office name').not.toBe('');
    expect(before.addressTh, 'the demo organisation has an address').not.toBe('');

    const changed = Object.fromEntries(names.map((name) => [name, name === 'email' ? 'pr-test@example.go.th' : name === 'phone' ? '034 123 456' : `${before[name]} ทดสอบ`.trim()]));
    const saveAll = async (values: Record<string, string>) => {
      for (const name of names) await form.locator(`[name="${name}"]`).fill(values[name]!);
      await form.getByRole('button', { name: 'บันทึก' }).click();
      await page.waitForLoadState('networkidle');
      await page.goto('/th/staff/admin');
      for (const name of names) await expect(form.locator(`[name="${name}"]`), name).toHaveValue(values[name]!);
    };
    try {
      await saveAll(changed);
    } finally {
      await saveAll(before); // the demo profile as it was, for the tests after this one
      await context.close();
    }
  });

  test('other roles cannot reach the settings, whatever the URL', async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf('pr'), locale: 'th-TH' });
    const page = await context.newPage();
    await page.goto('/th/staff/admin/service-points');
    await expect(page.getByText('เฉพาะผู้ดูแลระบบเท่านั้นที่แก้ไขส่วนนี้ได้')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'เมนูเจ้าหน้าที่' }).getByRole('link', { name: 'ตั้งค่าระบบ' })).toHaveCount(0);
    await context.close();
  });
});

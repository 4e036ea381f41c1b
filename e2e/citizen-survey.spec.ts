import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { POINT, cspViolations, sequenceOf, tapFace } from './helpers';

test.describe('a citizen at the counter, with JavaScript', () => {
  test('scans, taps once, adds answers and a suggestion, and leaves with a reference (Thai)', async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto(`/s/${POINT}`); // the QR code's address: the phone's language (th-TH) picks Thai
    await expect(page).toHaveURL(new RegExp(`/th/s/${POINT}\\?k=[0-9a-f-]{36}$`)); // the response's key, in the address
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('งานทะเบียนราษฎรและบัตรประจำตัวประชาชน');
    await expect(page.getByRole('button')).toHaveCount(5);

    const reference = await tapFace(page, /^พอใจมาก$/);
    await expect(page.getByRole('status')).toContainText('บันทึกความพึงพอใจของท่านแล้ว');
    await expect(page.getByRole('group', { name: 'ท่านพึงพอใจต่อการให้บริการในครั้งนี้เพียงใด' }).getByRole('radio', { name: /^4/ })).toBeChecked();

    await page.getByRole('group', { name: 'การให้บริการมีความรวดเร็ว ใช้เวลาไม่นาน' }).getByRole('radio', { name: /^2/ }).check();
    await page.getByRole('group', { name: 'เจ้าหน้าที่พูดจาสุภาพ อัธยาศัยดี' }).getByRole('radio', { name: /^5/ }).check();
    await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('รอคิวนานมาก อยากให้มีบัตรคิว <b>ด่วน</b>');
    await page.getByLabel('เรื่องนี้เกี่ยวกับ').selectOption('process');
    await page.getByLabel('อายุ').selectOption('60_plus');
    await expect(page.getByLabel('เบอร์โทรศัพท์')).toBeHidden(); // contact fields only behind the consent box
    await page.getByLabel(/ยินยอมให้เก็บชื่อ/).check();
    await page.getByLabel('เบอร์โทรศัพท์').fill('๐๘๑-๒๓๔-๕๖๗๘');
    await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();

    await expect(page).toHaveURL(/\/th\/s\/civil-registration\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference); // the same response, completed
    await expect(page.getByText('เจ้าหน้าที่จะติดต่อกลับ')).toBeVisible();

    await page.getByRole('link', { name: 'ติดตามเรื่องนี้' }).click();
    await expect(page).toHaveURL(`/th/track/${reference}`);
    await expect(page.getByText('ได้รับเรื่องแล้ว')).toBeVisible();
    await expect(page.getByText('ขั้นตอนการให้บริการ', { exact: true })).toBeVisible();
    await expect(page.getByText('รอคิวนานมาก')).toHaveCount(0); // the public page never shows the citizen's words

    expect(violations).toEqual([]); // the Content-Security-Policy refused nothing on the whole path
  });

  test('does the same in English, with errors in English before anything is sent', async ({ page }) => {
    await page.goto('/en/s/waste-fees');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waste collection fees');
    const reference = await tapFace(page, 'Very dissatisfied');

    await page.getByLabel(/I would like the municipality to contact me/).check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.getByText('Please write the suggestion you would like a reply about.')).toBeVisible();
    await expect(page.getByText('Please give a phone number or an email.')).toBeVisible();
    await expect(page).toHaveURL(/\/more\?/); // nothing was sent

    await page.getByLabel('Your suggestion').fill('The bin collection skipped our street twice.');
    await page.getByLabel('Email').fill('resident@example.org');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page).toHaveURL(/\/en\/s\/waste-fees\/thanks\?ref=/);
    await expect(page.locator('output.reference')).toHaveText(reference);
  });

  test('a double tap stores one response: both taps get one reference, and the next citizen the next number', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const first = await tapFace(page, /^พอใจปานกลาง$/);

    await page.goto(`/th/s/${POINT}`);
    await page.getByRole('button', { name: /^พอใจน้อย$/ }).dblclick();
    await expect(page).toHaveURL(/\/more\?/);
    const doubled = new URL(page.url()).searchParams.get('ref')!;
    expect(sequenceOf(doubled)).toBe(sequenceOf(first) + 1);

    await page.goto(`/th/s/${POINT}`);
    const next = await tapFace(page, /^พอใจมากที่สุด$/);
    expect(sequenceOf(next)).toBe(sequenceOf(doubled) + 1); // a second stored response would have taken this number
  });

  test('sending the full form twice stores one response', async ({ page }) => {
    await page.goto(`/th/s/${POINT}`);
    const reference = await tapFace(page, /^พอใจมาก$/);
    const clientKey = new URL(page.url()).searchParams.get('k');
    const body = { clientKey, servicePoint: POINT, locale: 'th', overallRating: 4, suggestion: { text: 'ส่งซ้ำ' } };
    // From the same phone (page.request shares its cookies, so the receipt): the key alone would start a new response.
    const send = () => page.request.post('/api/responses', { data: body });
    const [a, b] = await Promise.all([send(), send()]);
    expect((await a.json()).receiptCode).toBe(reference);
    expect((await b.json()).receiptCode).toBe(reference);
    expect([a.status(), b.status()]).toEqual([200, 200]); // both added to the existing response; neither created one
  });

  test('an unknown service point gets a friendly page in the reader’s language, with status 404', async ({ page }) => {
    const th = await page.goto('/th/s/no-such-counter');
    expect(th?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ไม่พบหน้าที่ท่านต้องการ');
    await page.goto('/en/s/no-such-counter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find this page');
  });

  test('the survey pages have no serious accessibility violations (axe)', async ({ page }) => {
    for (const path of [`/th/s/${POINT}`, `/my/s/${POINT}`, `/en/s/${POINT}/more`]) {
      await page.goto(path);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    }
  });

  test('the Burmese page is in Burmese and uses the shipped fonts', async ({ page }) => {
    await page.goto(`/my/s/${POINT}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'my');
    await expect(page.getByRole('button', { name: 'အလွန်ကျေနပ်သည်' })).toBeVisible();
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
    });
    expect(fonts.some((f) => /notoMyanmar|noto/i.test(f))).toBe(true);
  });
});

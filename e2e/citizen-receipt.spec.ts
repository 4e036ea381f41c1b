import { expect, test, type Browser } from '@playwright/test';
import { ownAddress, POINT, sequenceOf, tapFace } from './helpers';

/**
 * Issue 17: a submission can only be amended through its receipt. The follow-up page's address carries the response's
 * client key and receipt code, and such addresses get around (a shared phone's history, a screenshot, a photo of the
 * screen). Whoever opens one elsewhere and sends answers must not change the citizen's: they start a response of their
 * own. The citizen's own browser, which holds the receipt, still completes theirs. With JavaScript and without.
 */

const SUGGESTION = 'ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง';
const CITIZEN = ownAddress(); // the citizen's phone, and the tracking limit of this file's own
const CATEGORY = 'เรื่องนี้เกี่ยวกับ';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': CITIZEN } });

    test("someone who opens the citizen's follow-up address elsewhere cannot change their answers", async ({ page, browser }) => {
      await page.goto(`/th/s/${POINT}`);
      const code = await tapFace(page, /^พอใจมาก$/);
      const followUp = page.url();

      // The citizen complains about the staff.
      await page.getByLabel(SUGGESTION).fill(`เจ้าหน้าที่พูดจาไม่สุภาพ ${Date.now()}`);
      await page.getByLabel(CATEGORY).selectOption('staff');
      await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
      await expect(page).toHaveURL(/\/thanks\?ref=/);
      await expect(page.locator('output.reference')).toHaveText(code);

      // The attack: the same address, opened on another phone, turns the complaint into praise.
      const other = await otherPhone(browser, javaScriptEnabled);
      await other.goto(followUp);
      await other.getByLabel(SUGGESTION).fill('บริการดีมาก ประทับใจ');
      await other.getByLabel(CATEGORY).selectOption('praise');
      await other.getByRole('button', { name: 'ส่งคำตอบ' }).click();
      await expect(other).toHaveURL(/\/thanks\?ref=/);
      const theirs = (await other.locator('output.reference').textContent())!;
      expect(theirs).not.toBe(code); // a response of their own…
      expect(sequenceOf(theirs)).toBeGreaterThan(sequenceOf(code));
      await other.context().close();

      // …and the citizen's complaint is as they sent it.
      await page.goto(`/th/track/${code}`);
      await expect(page.getByText('เจ้าหน้าที่ผู้ให้บริการ', { exact: true })).toBeVisible();
      await expect(page.getByText('คำชมเชย', { exact: true })).toHaveCount(0);
    });

    test("the citizen's own phone still completes the tapped response after a language switch", async ({ page }) => {
      await page.goto(`/th/s/${POINT}`);
      const code = await tapFace(page, /^พอใจปานกลาง$/);
      await page.getByRole('link', { name: 'English' }).click();
      await page.getByLabel('Your suggestion', { exact: true }).fill('More chairs, please');
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await expect(page).toHaveURL(/\/en\/s\/civil-registration\/thanks\?ref=/);
      await expect(page.locator('output.reference')).toHaveText(code); // the same response, amended
      await page.goto(`/th/track/${code}`);
      await expect(page.getByRole('heading', { name: 'สถานะข้อเสนอแนะ' })).toBeVisible();
    });
  });
}

async function otherPhone(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': ownAddress() } });
  return context.newPage();
}

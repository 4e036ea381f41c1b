import { expect, test } from '@playwright/test';
import { ownAddress, POINT, sequenceOf, tapFace } from './helpers';

/**
 * Issue 18 with JavaScript off: "I'm done" is a submit button of the form (so the typed text is sent), the language
 * links carry the response's identity, a retried tap whose first answer was lost counts once, and the tracking
 * page's plain GET form finds a receipt code however it is typed.
 */
test.use({ javaScriptEnabled: false });

test('"I\'m done" sends what was typed', async ({ page }) => {
  await page.goto(`/th/s/${POINT}`);
  const reference = await tapFace(page, /^พอใจน้อย$/);
  await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('ไม่มีที่จอดรถ');
  await page.getByRole('button', { name: 'เสร็จแล้ว ไม่ตอบเพิ่ม' }).click();
  await expect(page).toHaveURL(/\/thanks\?ref=/);
  await expect(page.locator('output.reference')).toHaveText(reference);
  await page.goto(`/th/track/${reference}`);
  await expect(page.getByRole('heading', { name: 'สถานะข้อเสนอแนะ' })).toBeVisible();
});

test('switching language on the follow-up keeps the tap and counts one response', async ({ page }) => {
  await page.goto(`/th/s/${POINT}`);
  const reference = await tapFace(page, /^พอใจมากที่สุด$/);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('input[name="overallRating"][value="5"]')).toBeChecked();
  await page.getByRole('button', { name: 'Send my answers' }).click();
  await expect(page).toHaveURL(/\/en\/s\/civil-registration\/thanks\?ref=/);
  await expect(page.locator('output.reference')).toHaveText(reference);
  await page.goto(`/th/s/${POINT}`);
  expect(sequenceOf(await tapFace(page, /^พอใจมาก$/))).toBe(sequenceOf(reference) + 1);
});

test('a tap whose answer is lost on the way back, tapped again after "back", counts once', async ({ page }) => {
  await page.goto(`/th/s/${POINT}`);
  const before = await tapFace(page, /^พอใจมาก$/);

  await page.goto(`/th/s/${POINT}`);
  const tapPage = page.url(); // what "back" returns to
  let lost = false;
  await page.route(/\/th\/s\/civil-registration(\?.*)?$/, async (route) => {
    if (lost || route.request().method() !== 'POST') return route.continue();
    await route.fetch(); // the server stores the tap…
    lost = true;
    await route.abort('internetdisconnected'); // …but the phone loses the signal before the answer arrives
  });
  await page
    .getByRole('button', { name: /^พอใจปานกลาง$/ })
    .click()
    .catch(() => undefined);
  await expect.poll(() => lost).toBe(true);
  await page.waitForURL((url) => url.protocol === 'chrome-error:'); // the phone shows the browser's own error page
  await page.goto(tapPage); // "back" (Chromium's error page cannot go back under Playwright): the page is fetched again
  const retried = await tapFace(page, /^พอใจปานกลาง$/);
  expect(sequenceOf(retried)).toBe(sequenceOf(before) + 1); // the retry found the first tap's response
});

test('the tracking form, a plain GET, finds a receipt code however it is typed', async ({ page }) => {
  // Its own address: every tracking lookup counts toward a per-address limit, and the suite shares 127.0.0.1.
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': ownAddress() });
  await page.goto(`/th/s/${POINT}`);
  const code = await tapFace(page, /^พอใจมาก$/);
  const [prefix, year, sequence, check] = code.split('-') as [string, string, string, string];
  const thai = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
  for (const typed of [
    `${prefix.toLowerCase()} ${year} ${sequence} ${check.toLowerCase()}`, // "kp 2570 000343 mkht"
    `${prefix}${year}${sequence}${check}`,
    `${prefix.toLowerCase()}-${year}-${String(Number(sequence))}-${check}`, // leading zeros dropped
    `${prefix}–${year}–${sequence}–${check}`, // en dashes, as autocorrect writes them
    `${prefix}-${thai(year)}-${thai(sequence)}-${check}`, // Thai digits
  ]) {
    await page.goto('/th/track');
    await page.getByLabel('เลขอ้างอิง').fill(typed);
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await expect(page, typed).toHaveURL(`/th/track/${code}`);
    await expect(page.locator('output.reference'), typed).toHaveText(code);
  }
});

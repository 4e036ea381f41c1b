import { expect, test } from '@playwright/test';
import { POINT, sequenceOf, tapFace } from './helpers';

/**
 * A phone that loses signal while the citizen sends the full form: the answers are kept on the phone (localStorage),
 * sent by themselves once the connection returns, exactly once, and the citizen is told so.
 *
 * "Exactly once", checked honestly: (1) on the wire, the server answered exactly one POST /api/responses, with 201;
 * (2) in the database, through the reference sequence: the next citizen's tap gets the very next number, so no
 * second response was stored under any key.
 */
test('the full form sent with no signal is kept, sent once the signal returns, exactly once, and the citizen is told', async ({
  page,
  context,
}) => {
  const answered: number[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/responses') answered.push(response.status());
  });

  await page.goto(`/th/s/${POINT}/more`); // the form on its own mints a client key: its first send creates a response
  const text = `ไฟทางเดินหน้าสำนักงานดับ ${Date.now()}`;
  await page.getByRole('group', { name: 'ท่านพึงพอใจต่อการให้บริการในครั้งนี้เพียงใด' }).getByRole('radio', { name: /^3/ }).check();
  await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill(text);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  await expect(page.getByRole('status')).toContainText('คำตอบของท่านเก็บไว้ในโทรศัพท์แล้ว');
  await expect(page).toHaveURL(/\/more/); // still on the form: nothing was sent
  const pending = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('siang:pending:')));
  expect(pending).toHaveLength(1);
  expect(answered).toEqual([]);

  await page.waitForTimeout(1_000); // still no signal a while later: it stays queued
  await context.setOffline(false); // the 'online' event sends the queue

  await expect(page).toHaveURL(/\/th\/s\/civil-registration\/thanks\?ref=KP-\d{4}-\d{6}.*offline=1/, { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'กลับมาออนไลน์แล้ว' })).toHaveText('กลับมาออนไลน์แล้ว ส่งคำตอบที่ค้างไว้เรียบร้อย');
  const reference = (await page.locator('output.reference').textContent())!;
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('siang:pending:')))).toEqual([]);
  await page.waitForTimeout(1_000);
  expect(answered).toEqual([201]); // sent once, created once

  await page.goto(`/th/s/${POINT}`);
  const next = await tapFace(page, /^พอใจมาก$/);
  expect(sequenceOf(next)).toBe(sequenceOf(reference) + 1); // nothing else was stored in between
});

test('a one-tap press with no signal waits on the phone, says so beside the faces, and is sent once when the signal returns', async ({
  page,
  context,
}) => {
  const answered: number[] = [];
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/responses') answered.push(response.status());
  });
  await page.goto(`/th/s/${POINT}`);
  const before = await tapFace(page, /^พอใจมาก$/);
  await page.goto(`/th/s/${POINT}`);
  await page.getByRole('button', { name: /^พอใจปานกลาง$/ }).waitFor();
  await page.waitForLoadState('networkidle'); // hydrated: the press goes through the page's own code
  answered.length = 0; // only what happens from here on

  await context.setOffline(true);
  await page.getByRole('button', { name: /^พอใจปานกลาง$/ }).click();
  const notice = page.getByRole('status').filter({ hasText: 'เก็บไว้ในโทรศัพท์แล้ว' });
  await expect(notice).toBeVisible();
  await expect(notice).toBeInViewport();
  await expect(page).toHaveURL(new RegExp(`/th/s/${POINT}`)); // no browser error page
  expect(answered).toEqual([]);

  await context.setOffline(false);
  await expect(page).toHaveURL(/\/more\?.*ref=KP-/, { timeout: 30_000 });
  const reference = new URL(page.url()).searchParams.get('ref')!;
  expect(sequenceOf(reference)).toBe(sequenceOf(before) + 1);
  await expect(page.locator('input[name="overallRating"][value="3"]')).toBeChecked();
  expect(answered).toEqual([201]); // sent once, created once
});

test('the full form sent with no signal after a tap shows the notice where the citizen is, with the reference', async ({
  page,
  context,
}) => {
  await page.goto(`/th/s/${POINT}`);
  const reference = await tapFace(page, /^พอใจน้อย$/);
  await page.getByLabel('ข้อเสนอแนะหรือสิ่งที่อยากให้ปรับปรุง').fill('ที่นั่งรอไม่พอ');
  await context.setOffline(true);
  await page.getByRole('button', { name: 'ส่งคำตอบ' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'เก็บไว้ในโทรศัพท์แล้ว' });
  await expect(notice).toBeInViewport();
  await expect(notice).toContainText(reference);
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/thanks\?ref=/, { timeout: 30_000 });
  await expect(page.locator('output.reference')).toHaveText(reference);
});

import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { cspViolations } from './helpers';
import { passwordOf, signIn, storageStateOf, type DemoRole } from './staff';

/** A fresh suggestion from a citizen, through the public API, so each test works on its own: its reference (what staff
 *  see) and its receipt code (reference + check code: what the citizen's status page needs). */
async function citizenSuggests(page: Page, servicePoint: string, text: string): Promise<{ reference: string; receiptCode: string }> {
  const response = await page.request.post('/api/responses', {
    data: { clientKey: randomUUID(), servicePoint, locale: 'th', overallRating: 2, suggestion: { text, category: 'other' } },
  });
  expect(response.status()).toBe(201);
  const { reference, receiptCode } = (await response.json()) as { reference: string; receiptCode: string };
  return { reference, receiptCode };
}

async function as(browser: Browser, role: DemoRole) {
  const context = await browser.newContext({ storageState: storageStateOf(role), locale: 'th-TH' });
  return { context, page: await context.newPage() };
}

/** Open a suggestion from the inbox by searching for its reference. */
async function openFromInbox(page: Page, reference: string) {
  await page.goto('/th/staff/feedback');
  await page.getByLabel('ค้นหาข้อความหรือเลขอ้างอิง').fill(reference);
  await page.getByRole('button', { name: 'กรอง' }).click();
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
}

test.describe('the public relations officer', () => {
  test("sees how many suggestions are new, and which are past their reply date (the LPA's 15 days)", async ({ browser }) => {
    const { page, context } = await as(browser, 'pr');
    await page.goto('/th/staff/feedback');
    await expect(page.getByRole('status').filter({ hasText: 'ต้องตอบกลับประชาชนครั้งแรกภายใน 15 วัน' })).toContainText(
      /ข้อเสนอแนะใหม่ \d+ รายการ|ไม่มีข้อเสนอแนะใหม่/,
    );
    await expect(page.getByRole('columnheader', { name: 'ตอบภายใน' })).toBeVisible();
    // The demo data has suggestions older than 15 days that nobody answered.
    await page.goto('/th/staff/feedback?to=2026-06-30');
    await expect(page.locator('tr.overdue').first()).toContainText(/เกินกำหนด \d+ วัน/);
    await context.close();
  });

  test('filters the inbox, triages, routes and replies; the citizen sees the reply', async ({ browser }) => {
    const { page, context } = await as(browser, 'pr');
    const violations = cspViolations(page);
    const { reference, receiptCode } = await citizenSuggests(page, 'building-permit', 'ยื่นขออนุญาตก่อสร้างมาสามสัปดาห์ยังไม่ได้รับแจ้งผล');

    await page.goto('/th/staff/feedback');
    await page.getByLabel('สถานะ', { exact: true }).selectOption('new');
    await page.getByLabel('จุดบริการ').selectOption('building-permit');
    await page.getByLabel('ค้นหาข้อความหรือเลขอ้างอิง').fill('สามสัปดาห์');
    await page.getByRole('button', { name: 'กรอง' }).click();
    await expect(page).toHaveURL(/status=new/); // the view is a shareable URL
    await expect(page.getByRole('row')).toHaveCount(2); // the header and our suggestion
    await page.getByRole('link', { name: reference }).click();

    await page.getByLabel('หมวด', { exact: true }).selectOption('process');
    await page.getByLabel('ส่งต่อให้กอง').selectOption('engineering');
    await page.getByLabel('บันทึกภายใน (เจ้าหน้าที่เท่านั้น)').fill('ประสานกองช่างทางโทรศัพท์แล้ว');
    await page.getByLabel('ตอบประชาชน (แสดงที่หน้าติดตามเรื่อง)').fill('กองช่างรับเรื่องแล้ว จะแจ้งผลภายใน 7 วันทำการ');
    await page.getByRole('button', { name: 'บันทึก' }).click();

    await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('ส่งต่อกองแล้ว');
    const history = page.getByRole('region', { name: 'ประวัติการดำเนินการ' });
    await expect(history).toContainText('สมศรี ประชาสัมพันธ์');
    // Each change told in words, never as codes or ids (หมวด: other → process, กอง: — → 1).
    await expect(history).toContainText('เปลี่ยนสถานะจาก “ใหม่” เป็น “ส่งต่อกองแล้ว”');
    await expect(history).toContainText('เปลี่ยนหมวดจาก “อื่น ๆ” เป็น “ขั้นตอนการให้บริการ”');
    await expect(history).toContainText('ส่งต่อให้กองช่าง');
    await expect(history).not.toContainText('→');

    const citizen = await browser.newPage({ locale: 'th-TH' });
    await citizen.goto(`/th/track/${receiptCode}`);
    await expect(citizen.getByText('ส่งต่อกองที่รับผิดชอบแล้ว')).toBeVisible();
    await expect(citizen.getByText('กองช่างรับเรื่องแล้ว จะแจ้งผลภายใน 7 วันทำการ')).toBeVisible();
    await expect(citizen.getByText('ประสานกองช่างทางโทรศัพท์แล้ว')).toHaveCount(0); // internal notes never reach the public
    await expect(citizen.getByText('สามสัปดาห์')).toHaveCount(0); // nor the citizen's own words
    expect(violations).toEqual([]);
    await context.close();
  });

  test('is told, without losing what they typed, when someone else saved first', async ({ browser }) => {
    const first = await as(browser, 'pr');
    const second = await as(browser, 'pr');
    const { reference } = await citizenSuggests(first.page, 'waste-fees', 'รถขยะไม่มาเก็บสองสัปดาห์');
    await openFromInbox(first.page, reference);
    await openFromInbox(second.page, reference);

    await first.page.getByLabel('สถานะ', { exact: true }).selectOption('acknowledged');
    await first.page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(first.page.getByRole('status')).toHaveText('บันทึกแล้ว');

    await second.page.getByLabel('บันทึกภายใน (เจ้าหน้าที่เท่านั้น)').fill('บันทึกที่ไม่ควรทับของคนอื่น');
    await second.page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(second.page.locator('.notice[role=alert]')).toContainText('มีผู้อื่นบันทึกเรื่องนี้หลังจากที่ท่านเปิดหน้า');
    await expect(second.page.getByLabel('บันทึกภายใน (เจ้าหน้าที่เท่านั้น)')).toHaveValue('บันทึกที่ไม่ควรทับของคนอื่น');
    await second.page.getByRole('link', { name: 'โหลดหน้าใหม่' }).click();
    await expect(second.page.getByRole('region', { name: 'บันทึกภายใน' })).not.toContainText('บันทึกที่ไม่ควรทับ');
    await first.context.close();
    await second.context.close();
  });

  test('cannot push a tampered status or an oversized note through the form', async ({ browser }) => {
    const { page, context } = await as(browser, 'pr');
    const { reference } = await citizenSuggests(page, 'complaints-centre', 'ไฟทางดับ');
    await openFromInbox(page, reference);
    await page.getByLabel('สถานะ', { exact: true }).selectOption('in_progress');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.getByRole('status')).toHaveText('บันทึกแล้ว');
    const historyBefore = await page.getByRole('region', { name: 'ประวัติการดำเนินการ' }).textContent();

    // Back to "new" is not a move the workflow allows: add it to the list as a tampered browser would.
    await page
      .getByLabel('สถานะ', { exact: true })
      .evaluate((select) => select.insertAdjacentHTML('beforeend', '<option value="new">new</option>'));
    await page.getByLabel('สถานะ', { exact: true }).selectOption('new');
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.locator('.notice[role=alert]')).toHaveText('เปลี่ยนสถานะแบบนี้ไม่ได้ ไม่มีการเปลี่ยนแปลงใด ๆ');

    await page.getByLabel('สถานะ', { exact: true }).selectOption('in_progress');
    await page.getByLabel('บันทึกภายใน (เจ้าหน้าที่เท่านั้น)').evaluate((t) => t.removeAttribute('maxlength'));
    await page.getByLabel('บันทึกภายใน (เจ้าหน้าที่เท่านั้น)').fill('ก'.repeat(2001));
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.locator('.notice[role=alert]')).toHaveText('ข้อความยาวเกินไป (ไม่เกิน 2,000 ตัวอักษร)');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('กำลังดำเนินการ');
    expect(await page.getByRole('region', { name: 'ประวัติการดำเนินการ' }).textContent()).toBe(historyBefore); // nothing audited
    await context.close();
  });

  test('a form posted from another site is refused with a message, and changes nothing', async ({ browser }) => {
    const { page, context } = await as(browser, 'pr');
    const response = await page.request.post('/th/staff/feedback/1', {
      headers: { origin: 'https://evil.example' },
      multipart: { status: 'declined' },
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain('คำขอนี้ไม่ได้มาจากหน้าเว็บของระบบ');
    await context.close();
  });
});

test.describe('division staff and executives', () => {
  test('division staff see only their division’s suggestions and cannot open another’s by URL', async ({ browser }) => {
    const pr = await as(browser, 'pr');
    const { reference } = await citizenSuggests(pr.page, 'civil-registration', 'ขอให้เปิดบริการวันเสาร์');
    await openFromInbox(pr.page, reference);
    const otherUrl = pr.page.url();
    await pr.page.getByLabel('ส่งต่อให้กอง').selectOption('clerk');
    await pr.page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(pr.page.getByRole('status')).toHaveText('บันทึกแล้ว');

    const engineering = await as(browser, 'engineering');
    await engineering.page.goto('/th/staff/feedback');
    // The division column, after the reply date (the LPA's rule).
    const divisions = await engineering.page.locator('tbody tr td:nth-child(8)').allTextContents();
    expect(divisions.length).toBeGreaterThan(0);
    expect(new Set(divisions)).toEqual(new Set(['กองช่าง']));
    const response = await engineering.page.goto(otherUrl); // the clerk's suggestion, by URL
    expect(response?.status()).toBe(404);

    const clerk = await as(browser, 'clerk');
    await clerk.page.goto(otherUrl);
    await expect(clerk.page.getByRole('heading', { level: 1 })).toContainText(reference);
    await clerk.page.getByLabel('สถานะ', { exact: true }).selectOption('in_progress');
    await clerk.page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(clerk.page.getByRole('heading', { level: 1 })).toContainText('กำลังดำเนินการ');
    await expect(clerk.page.getByLabel('ส่งต่อให้กอง')).toHaveCount(0); // routing is the PR officer's job
    for (const s of [pr, engineering, clerk]) await s.context.close();
  });

  test('executives see no edit controls, and the server refuses an edit they forge', async ({ browser }) => {
    const pr = await as(browser, 'pr');
    const { reference } = await citizenSuggests(pr.page, 'land-building-tax', 'อยากให้จ่ายภาษีผ่านแอปได้');
    await openFromInbox(pr.page, reference);
    const url = pr.page.url();
    // What the PR officer's browser would post, including the server action's hidden fields.
    const fields = await pr.page
      .locator('form:has(button:text("บันทึก")) input[type=hidden]')
      .evaluateAll((inputs) => Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])));

    const executive = await as(browser, 'executive');
    await executive.page.goto(url);
    await expect(executive.page.getByText('ท่านดูได้อย่างเดียว ไม่สามารถแก้ไขเรื่องนี้')).toBeVisible();
    await expect(executive.page.getByRole('button', { name: 'บันทึก' })).toHaveCount(0);
    await expect(executive.page.getByRole('combobox')).toHaveCount(0);

    const forged = await executive.page.request.post(url, {
      headers: { origin: new URL(url).origin },
      multipart: { ...fields, status: 'declined', category: 'other', note: 'ผู้บริหารแก้เอง' },
    });
    expect(forged.status()).toBeLessThan(500);
    await pr.page.reload();
    await expect(pr.page.getByRole('heading', { level: 1 })).toContainText('ใหม่');
    await expect(pr.page.getByRole('region', { name: 'บันทึกภายใน' })).not.toContainText('ผู้บริหารแก้เอง');
    await pr.context.close();
    await executive.context.close();
  });
});

test.describe('signing in and out', () => {
  test('the sign-in page speaks the reader’s language, refuses a wrong password, and limits attempts per account', async ({ page }) => {
    await page.goto('/en/staff/login');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in for staff');
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByLabel('Email').fill('admin@siang.demo');
      await page.getByLabel('Password').fill(`wrong-${attempt}`);
      // Wait for each answer: the message of the previous attempt is already on the page.
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/staff/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await answered;
      await expect(page.locator('.notice[role=alert]')).toHaveText('The email or password is wrong, or this account is suspended.');
      // React resets the form once the action's answer is applied; typing before that (a slow, busy machine) is lost.
      await expect(page.getByLabel('Password')).toHaveValue('');
    }
    await signIn(page, 'admin', passwordOf('admin')); // even the right password, once the account is locked
    await expect(page.locator('.notice[role=alert]')).toContainText('ลองเข้าสู่ระบบผิดหลายครั้งเกินไป');
  });

  test('signing out ends the session, even for a copy of its cookie, and staff pages send strangers to sign in', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'th-TH' });
    const page = await context.newPage();
    await signIn(page, 'engineering');
    await expect(page).toHaveURL(/\/th\/staff$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'siang_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.getByRole('button', { name: 'ออกจากระบบ' }).click();
    await expect(page).toHaveURL(/\/th\/staff\/login\?signedOut=1/);
    await page.goto('/th/staff/feedback');
    await expect(page).toHaveURL(/\/th\/staff\/login$/);

    await context.addCookies([cookie]); // someone kept a copy of the cookie
    await page.goto('/th/staff/feedback');
    await expect(page).toHaveURL(/\/th\/staff\/login\?expired=1/);
    await context.close();
  });
});

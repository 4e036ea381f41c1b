import { randomUUID } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ownAddress } from './helpers';
import { storageStateOf, type DemoRole } from './staff';

/**
 * The ITA year and closing the loop (issue 20): the admin's ITA item map drives the public participation page and the
 * staff evidence page; a done action asks to resolve its suggestions and the citizen's tracking page shows it
 * resolved; routing a suggestion queues the division's notice; staff type dates in B.E.
 */

async function as(browser: Browser, role: DemoRole, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ storageState: storageStateOf(role), locale: 'th-TH', ...options });
  return { context, page: await context.newPage() };
}

/** A citizen's suggestion through the JSON door: its reference, and the receipt's code (reference + check code). */
async function citizenSuggests(page: Page, text: string, contact?: { email: string }): Promise<{ reference: string; receiptCode: string }> {
  const response = await page.request.post('/api/responses', {
    data: {
      clientKey: randomUUID(),
      servicePoint: 'civil-registration',
      locale: 'th',
      overallRating: 2,
      suggestion: { text, category: 'facilities' },
      ...(contact ? { contact: { consent: true, ...contact } } : {}),
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { reference: string; receiptCode: string };
}

test.describe('the ITA year', () => {
  test('the ITA item map drives the participation page and the evidence page, whose addresses copy or select', async ({
    browser,
    baseURL,
  }) => {
    const admin = await as(browser, 'admin');
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
    const { page } = admin;

    // FY2568's default: participation is o25, answered by the participation page.
    await page.goto('/th/staff/ita/2568');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('หลักฐาน ITA ปีงบประมาณ 2568');
    const row = page.getByRole('row', { name: /o25/ });
    await expect(row.getByRole('cell').first()).toHaveText('การเปิดโอกาสให้เกิดการมีส่วนร่วม');
    await expect(row.locator('code')).toHaveText(`${baseURL}/th/participation/2568`);
    await row.getByRole('button', { name: 'คัดลอก' }).click();
    await expect(row.getByRole('status')).toHaveText('คัดลอกแล้ว');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/th/participation/2568`);

    const publicPage = await browser.newPage({ locale: 'th-TH' });
    await publicPage.goto('/th/participation/2568');
    await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText('o25 การเปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ 2568');
    // FY2567 answered it as O30.
    await publicPage.goto('/th/participation/2567');
    await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText('O30 การเปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ 2567');

    // The admin renumbers FY2568's item: both pages follow.
    await page.getByText('แก้ไขข้อ o25').click();
    const form = page.locator('details[open] form').first();
    await form.getByLabel('ข้อ', { exact: true }).fill('O99');
    await form.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'บันทึกแล้ว' })).toBeVisible();
    await expect(page.getByRole('row', { name: /O99/ }).locator('code')).toHaveText(`${baseURL}/th/participation/2568`);
    await publicPage.goto('/th/participation/2568');
    await expect(publicPage.getByRole('heading', { level: 1 })).toHaveText('O99 การเปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ 2568');

    // A code that is not one is refused beside its field, in words.
    await page.getByText('แก้ไขข้อ O99').click();
    const again = page.locator('details[open] form').first();
    await again.getByLabel('ข้อ', { exact: true }).fill('99 O');
    await again.getByRole('button', { name: 'บันทึก' }).click();
    await expect(again.locator('#f-code-error')).toHaveText('ใช้ตัวอักษรนำหน้าแล้วตามด้วยตัวเลข เช่น O17 หรือ o25');
    await again.getByLabel('ข้อ', { exact: true }).fill('o25');
    await again.getByRole('button', { name: 'บันทึก' }).click();
    await expect(page.getByRole('row', { name: /o25/ })).toBeVisible();

    // Without JavaScript the address is plain text to select, and no button pretends to copy.
    const noJs = await as(browser, 'pr', { javaScriptEnabled: false });
    await noJs.page.goto('/th/staff/ita/2567');
    await expect(noJs.page.locator('code')).toHaveText([
      `${baseURL}/th/results?fiscalYear=2567`,
      `${baseURL}/th/results?fiscalYear=2567`,
      `${baseURL}/th/participation/2567`,
    ]);
    await expect(noJs.page.getByRole('button', { name: 'คัดลอก' })).toHaveCount(0);
    await expect(noJs.page.getByText('แก้ไขข้อ O17')).toHaveCount(0); // the PR officer reads; only the admin changes
    for (const c of [admin.context, noJs.context]) await c.close();
    await publicPage.close();
  });

  test('the participation page is linked from the public pages and the staff report, and says "in progress" only without improvements', async ({
    browser,
  }) => {
    // Its own address: every tracking lookup counts toward a per-address limit, and the suite shares 127.0.0.1.
    const citizen = await browser.newPage({ locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': ownAddress() } });
    await citizen.goto('/th/results?fiscalYear=2567');
    await citizen.getByRole('link', { name: 'สรุปการเปิดโอกาสให้มีส่วนร่วม ปีงบประมาณ 2567' }).click();
    await expect(citizen).toHaveURL(/\/th\/participation\/2567$/);
    await citizen.goto('/th/improvements');
    await expect(citizen.getByRole('navigation').getByRole('link', { name: 'การมีส่วนร่วม' })).toBeVisible();
    // A year long before the demo data: no improvement, so the fixed sentence, and nothing else under part 4.
    await citizen.goto('/th/participation/2550');
    await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('การเปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ 2550');
    await expect(citizen.getByText('อยู่ระหว่างการดำเนินการปรับปรุง')).toBeVisible();
    await citizen.close();

    const pr = await as(browser, 'pr');
    await pr.page.goto('/th/staff/reports/2569');
    await pr.page.getByRole('link', { name: 'หน้าการมีส่วนร่วมสำหรับเผยแพร่ (ตัวชี้วัด ITA)' }).click();
    await expect(pr.page).toHaveURL(/\/th\/participation\/2569$/);
    await expect(pr.page.getByRole('heading', { level: 1 })).toHaveText('o25 การเปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ 2569');
    await pr.context.close();
  });

  test('the participation page of a year with a published improvement shows its four parts, and not the fixed "in progress" sentence', async ({
    browser,
  }) => {
    // This fiscal year (from 1 October, in B.E.): an action done today counts in it.
    const today = new Date(Date.now() + 7 * 3600 * 1000); // Bangkok
    const fiscalYear = today.getUTCFullYear() + 543 + (today.getUTCMonth() >= 9 ? 1 : 0);
    const pr = await as(browser, 'pr');
    await citizenSuggests(pr.page, `ป้ายบอกทางไม่ชัด ${randomUUID().slice(0, 6)}`); // the year has a suggestion, whatever ran before
    const title = `ติดป้ายบอกทางใหม่ ${randomUUID().slice(0, 6)}`;
    await pr.page.goto('/th/staff/actions/new');
    await pr.page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(title);
    await pr.page.getByLabel('ประชาชนบอกว่า (สรุป ไม่ใส่ข้อมูลส่วนบุคคล)').fill('ป้ายบอกจุดบริการอ่านยาก');
    await pr.page.getByLabel('กองที่รับผิดชอบ').selectOption('clerk');
    await pr.page.getByLabel('สถานะ').selectOption('done');
    await pr.page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(pr.page.getByRole('heading', { level: 1 })).toHaveText(title);
    await pr.page.getByRole('button', { name: 'เผยแพร่ต่อสาธารณะ' }).click();
    await expect(pr.page.getByText('เผยแพร่แล้ว', { exact: true })).toBeVisible();
    await pr.context.close();

    const citizen = await browser.newPage({ locale: 'th-TH' });
    await citizen.goto(`/th/participation/${fiscalYear}`);
    const page = citizen.locator('article');
    await expect(citizen.getByRole('heading', { level: 1 })).toContainText(`การเปิดโอกาสให้ประชาชนมีส่วนร่วม ปีงบประมาณ ${fiscalYear}`);
    const digits = '[0-9๐-๙,]+'; // Thai digits when the setting is on
    // (1) the topic: this municipality, how many counters, and the channels the year's responses came through.
    await expect(citizen.getByRole('heading', { level: 2, name: '1. เรื่องที่เปิดให้มีส่วนร่วม' })).toBeVisible();
    await expect(page).toContainText(
      new RegExp(`การประเมินความพึงพอใจและรับฟังข้อเสนอแนะต่อการให้บริการของเทศบาล\\S+ ณ จุดบริการ ${digits} แห่ง ผ่านช่องทาง\\S`),
    );
    // (2) who took part, (3) the results, (4) how they were used: the improvement itself, with what citizens said.
    await expect(citizen.getByRole('heading', { level: 2, name: '2. ผู้เข้าร่วม' })).toBeVisible();
    await expect(page).toContainText(new RegExp(`ผู้รับบริการ ${digits} คน ให้ข้อเสนอแนะ ${digits} เรื่อง`));
    await expect(citizen.getByRole('heading', { level: 2, name: '3. ผลการมีส่วนร่วม' })).toBeVisible();
    await expect(page).toContainText(/ความพึงพอใจโดยรวมอยู่ในระดับ\S+ คิดเป็นร้อยละ [0-9๐-๙.]+/);
    await expect(citizen.getByRole('heading', { level: 2, name: '4. การนำผลไปใช้ปรับปรุง' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: title })).toHaveText(`${title} — ป้ายบอกจุดบริการอ่านยาก`);
    await expect(citizen.getByText('อยู่ระหว่างการดำเนินการปรับปรุง')).toHaveCount(0);
    await citizen.close();
  });
});

test.describe('closing the loop in the office', () => {
  test("routing queues the division's notice; a done action asks to resolve, and the citizen's tracking page shows it resolved", async ({
    browser,
  }) => {
    const pr = await as(browser, 'pr');
    const { reference, receiptCode } = await citizenSuggests(pr.page, `ไม่มีที่นั่งรอ ${randomUUID().slice(0, 6)}`, {
      email: 'citizen@example.org',
    });
    await pr.page.goto(`/th/staff/feedback?q=${reference}`);
    await pr.page.getByRole('link', { name: reference }).click();
    await pr.page.getByLabel('ส่งต่อให้กอง').selectOption('clerk');
    // The PR officer's public summary: what an action made from this suggestion starts its "you said" from.
    const publicSummary = `ผู้รับบริการแจ้งว่าที่นั่งรอไม่พอ ${reference}`;
    await pr.page.getByLabel('ข้อความที่จะแสดงต่อสาธารณะ').fill(publicSummary);
    await pr.page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(pr.page.getByRole('status')).toHaveText('บันทึกแล้ว');

    // Its own address: every tracking lookup counts toward a per-address limit, and the suite shares 127.0.0.1.
    const citizen = await browser.newPage({ locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': ownAddress() } });
    await citizen.goto(`/th/track/${receiptCode}`); // the tracking page asks for the check code too
    await expect(citizen.getByText('ส่งต่อกองที่รับผิดชอบแล้ว', { exact: true })).toBeVisible();

    // The division's notice is in the outbox (SMTP is not configured here: it waits, with the reason shown).
    const admin = await as(browser, 'admin');
    await admin.page.goto('/th/staff/admin/alerts');
    await expect(admin.page.getByRole('cell', { name: 'ส่งต่อกอง', exact: true }).first()).toBeVisible();

    // The clerk's office records the improvement from the suggestion, and marks it done.
    const clerk = await as(browser, 'clerk');
    await clerk.page.goto(pr.page.url());
    await clerk.page.getByRole('link', { name: 'บันทึกการปรับปรุงจากเรื่องนี้' }).click();
    // Prefilled from the suggestion before anyone types: a working title naming its category and counter, that counter
    // alone ticked, and "you said" from the public summary (never the citizen's own words).
    await expect(clerk.page.getByText(`สร้างจากข้อเสนอแนะ ${reference}`)).toBeVisible();
    await expect(clerk.page.getByLabel('ชื่อการปรับปรุง (ไทย)')).toHaveValue(
      'ปรับปรุงสถานที่และสิ่งอำนวยความสะดวก ที่งานทะเบียนราษฎรและบัตรประจำตัวประชาชน',
    );
    const counters = clerk.page.getByRole('group', { name: 'จุดบริการที่เกี่ยวข้อง' });
    await expect(counters.getByLabel('งานทะเบียนราษฎรและบัตรประจำตัวประชาชน')).toBeChecked();
    await expect(counters.getByRole('checkbox', { checked: true })).toHaveCount(1);
    await expect(clerk.page.getByLabel('ประชาชนบอกว่า (สรุป ไม่ใส่ข้อมูลส่วนบุคคล)')).toHaveValue(publicSummary);
    await expect(clerk.page.getByLabel('กองที่รับผิดชอบ')).toHaveValue('clerk');
    await clerk.page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(`ที่นั่งรอ ${reference}`);
    await clerk.page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(`ที่นั่งรอ ${reference}`); // the action's own page
    await expect(clerk.page.getByRole('region', { name: 'ปิดเรื่องข้อเสนอแนะที่เกี่ยวข้อง' })).toHaveCount(0); // not done yet
    await clerk.page.getByLabel('สถานะ').selectOption('done');
    await clerk.page.getByRole('button', { name: 'บันทึก' }).last().click();
    await expect(clerk.page.locator('.badge')).toHaveText('เสร็จแล้ว');

    // Done: the page asks to resolve the linked suggestion and tell the citizen.
    const prompt = clerk.page.getByRole('region', { name: 'ปิดเรื่องข้อเสนอแนะที่เกี่ยวข้อง' });
    await expect(prompt).toContainText('ยังมีข้อเสนอแนะที่เชื่อมโยงไว้ 1 เรื่องที่ยังไม่ปิด');
    await prompt.getByLabel('คำตอบถึงประชาชน').fill('จัดที่นั่งรอเพิ่มแล้ว ขอบคุณที่แจ้ง');
    await prompt.getByRole('button', { name: 'ปิดเรื่องพร้อมตอบ' }).click();
    await expect(clerk.page.getByRole('status').filter({ hasText: 'ปิดเรื่องแล้ว 1 เรื่อง ข้าม 0 เรื่อง' })).toBeVisible();
    await expect(clerk.page.getByRole('region', { name: 'ปิดเรื่องข้อเสนอแนะที่เกี่ยวข้อง' })).toHaveCount(0); // nothing left open

    await citizen.reload();
    await expect(citizen.getByText('ดำเนินการแล้ว', { exact: true })).toBeVisible();
    await expect(citizen.getByText('จัดที่นั่งรอเพิ่มแล้ว ขอบคุณที่แจ้ง')).toBeVisible();
    await admin.page.reload();
    await expect(admin.page.getByRole('cell', { name: 'แจ้งผู้เสนอ', exact: true }).first()).toBeVisible();
    for (const c of [pr.context, admin.context, clerk.context]) await c.close();
    await citizen.close();
  });
});

test.describe('dates in B.E.', () => {
  test('staff type วว/ดด/ปปปป (Thai digits too); a date not in the calendar is named beside the field', async ({ browser }) => {
    const pr = await as(browser, 'pr');
    const { page } = pr;
    await page.goto('/th/staff/feedback');
    const from = page.getByLabel('ตั้งแต่วันที่');
    await from.fill('29/02/2568'); // 2025 is not a leap year
    await from.blur();
    await expect(page.locator('#f-from-error')).toHaveText('ไม่มีวันที่นี้ในปฏิทิน');
    await from.fill('๒๙/๐๒/๒๕๖๗'); // 2024 is
    await from.blur();
    await expect(page.locator('#f-from-error')).toHaveCount(0);
    await expect(from).toHaveValue('29/02/2567');
    await page.getByLabel('ถึงวันที่').fill('1/3/2567');
    await page.getByRole('button', { name: 'กรอง' }).click();
    await expect(page).toHaveURL(/from=/);
    // The filter took the dates: shown again in B.E., and no "bad filter" notice.
    await expect(page.getByLabel('ตั้งแต่วันที่')).toHaveValue('29/02/2567');
    await expect(page.getByLabel('ถึงวันที่')).toHaveValue('01/03/2567');
    await expect(page.getByRole('status').filter({ hasText: 'ตัวกรองบางรายการไม่ถูกต้อง' })).toHaveCount(0);

    // An action's planned date, typed in B.E., is stored and shown in B.E.
    await page.goto('/th/staff/actions/new');
    await page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(`วันที่ พ.ศ. ${randomUUID().slice(0, 6)}`);
    await page.getByLabel('กำหนดเสร็จ').fill('31/04/2570');
    await page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(page.locator('#f-plannedDate-error')).toHaveText('ไม่มีวันที่นี้ในปฏิทิน');
    await page.getByLabel('กำหนดเสร็จ').fill('30/04/2570');
    await page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('วันที่ พ.ศ.');
    await expect(page.getByLabel('กำหนดเสร็จ')).toHaveValue('30/04/2570');
    await pr.context.close();
  });
});

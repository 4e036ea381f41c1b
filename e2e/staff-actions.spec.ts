import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ownAddress } from './helpers';
import { dataDir, storageStateOf, type DemoRole } from './staff';

async function as(browser: Browser, role: DemoRole) {
  const context = await browser.newContext({ storageState: storageStateOf(role), locale: 'th-TH' });
  return { context, page: await context.newPage() };
}

/** A real PNG (a screenshot) with a text chunk a camera app might write, placed right after IHDR. */
function pngWithMetadata(png: Buffer, text: string): Buffer {
  const data = Buffer.from(`Comment\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([Buffer.from('tEXt', 'latin1'), data])) >>> 0, 8 + data.length);
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, afterIhdr), chunk, png.subarray(afterIhdr)]);
}

async function uploadEvidence(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByLabel('ไฟล์ (JPEG, PNG, WebP หรือ PDF ไม่เกิน 5 MB)').setInputFiles(file);
  await page.getByRole('button', { name: 'อัปโหลด' }).click();
}

test.describe('improvement actions: you said, we did', () => {
  test('division staff act on a suggestion, with evidence; the PR officer publishes; the public sees it and only the citizen answers', async ({
    browser,
  }) => {
    // A citizen suggests from their phone (which keeps the receipt); the PR officer routes it to the clerk's office.
    const citizen = await browser.newPage({ locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': ownAddress() } });
    const created = await citizen.request.post('/api/responses', {
      data: {
        clientKey: randomUUID(),
        servicePoint: 'civil-registration',
        locale: 'th',
        overallRating: 2,
        suggestion: { text: 'ไม่มีที่นั่งสำหรับผู้สูงอายุ ต้องยืนรอนาน', category: 'facilities' },
      },
    });
    const { reference, receiptCode } = await created.json();
    const pr = await as(browser, 'pr');
    await pr.page.goto(`/th/staff/feedback?q=${reference}`);
    await pr.page.getByRole('link', { name: reference }).click();
    await pr.page.getByLabel('ส่งต่อให้กอง').selectOption('clerk');
    await pr.page.getByRole('button', { name: 'บันทึก' }).click();
    await expect(pr.page.getByRole('status')).toHaveText('บันทึกแล้ว');
    const suggestionUrl = pr.page.url();

    // The clerk's office records the improvement from the suggestion.
    const clerk = await as(browser, 'clerk');
    await clerk.page.goto(suggestionUrl);
    await clerk.page.getByRole('link', { name: 'บันทึกการปรับปรุงจากเรื่องนี้' }).click();
    await expect(clerk.page.getByText(`สร้างจากข้อเสนอแนะ ${reference}`)).toBeVisible();
    // Prefilled from the suggestion: its counter and a working title, which staff then edit.
    await expect(clerk.page.getByRole('checkbox', { name: 'งานทะเบียนราษฎรและบัตรประจำตัวประชาชน' })).toBeChecked();
    await expect(clerk.page.getByLabel('ชื่อการปรับปรุง (ไทย)')).toHaveValue(
      'ปรับปรุงสถานที่และสิ่งอำนวยความสะดวก ที่งานทะเบียนราษฎรและบัตรประจำตัวประชาชน',
    );
    const title = `จัดที่นั่งรอสำหรับผู้สูงอายุ ${Date.now().toString(36)}`;
    await clerk.page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(title);
    await clerk.page.getByLabel('ประชาชนบอกว่า (สรุป ไม่ใส่ข้อมูลส่วนบุคคล)').fill('ผู้สูงอายุต้องยืนรอคิวนาน');
    await clerk.page.getByLabel('สิ่งที่ทำ (ไทย)').fill('จัดเก้าอี้สำรองสำหรับผู้สูงอายุ 10 ที่หน้างานทะเบียน');
    await clerk.page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(clerk.page.getByRole('region', { name: 'ข้อเสนอแนะที่การปรับปรุงนี้ตอบ' })).toContainText(reference);

    // Evidence: an executable named as a photo and an oversized file are refused. (A path in the file name never
    // leaves a browser, which sends the base name only; lib/evidence/prepare.test.ts checks the server refuses it.)
    await uploadEvidence(clerk.page, {
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2000)]),
    });
    await expect(clerk.page.getByText('รับเฉพาะภาพ JPEG, PNG, WebP หรือเอกสาร PDF (ตรวจจากเนื้อไฟล์ ไม่ใช่ชื่อไฟล์)')).toBeVisible();
    const photo = pngWithMetadata(await clerk.page.screenshot(), 'GPS 13.5497N 100.2744E Somchai-phone');
    await uploadEvidence(clerk.page, {
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.concat([photo, Buffer.alloc(5.2 * 1024 * 1024)]),
    });
    await expect(clerk.page.getByText('ไฟล์ใหญ่เกิน 5 MB')).toBeVisible();
    await uploadEvidence(clerk.page, { name: 'chairs.png', mimeType: 'image/png', buffer: photo });
    const image = clerk.page.getByRole('region', { name: 'หลักฐาน (ภาพถ่าย หรือเอกสาร PDF)' }).getByRole('img');
    await expect(image).toBeVisible();
    const imageUrl = new URL((await image.getAttribute('src'))!, clerk.page.url()).toString();

    // Done, published, and the suggestion resolved with one reply.
    await clerk.page.getByLabel('สถานะ').selectOption('done');
    await clerk.page.getByRole('button', { name: 'บันทึก' }).last().click();
    await expect(clerk.page.locator('.badge')).toHaveText('เสร็จแล้ว');
    // A division proposes; the PR officer reviews and publishes (a clerk once published unreviewed).
    await expect(clerk.page.getByRole('button', { name: 'เผยแพร่ต่อสาธารณะ' })).toHaveCount(0);
    await expect(clerk.page.getByText('ฝ่ายประชาสัมพันธ์ตรวจทานและเผยแพร่การปรับปรุงต่อสาธารณะ', { exact: false })).toBeVisible();
    await pr.page.goto(clerk.page.url());
    await pr.page.getByRole('button', { name: 'เผยแพร่ต่อสาธารณะ' }).click();
    await expect(pr.page.getByText('เผยแพร่แล้ว', { exact: true })).toBeVisible();
    await clerk.page.reload();
    await clerk.page.getByLabel('คำตอบถึงประชาชน').fill('จัดที่นั่งสำหรับผู้สูงอายุแล้ว ขอบคุณที่แจ้ง');
    await clerk.page.getByRole('button', { name: 'ปิดเรื่องพร้อมตอบ' }).click();
    await expect(clerk.page.getByText('ปิดเรื่องแล้ว 1 เรื่อง ข้าม 0 เรื่อง')).toBeVisible();

    // The public: the improvement, its photo without the camera's text, and the citizen's answer.
    await citizen.goto('/th/improvements');
    await expect(citizen.getByRole('heading', { name: title })).toBeVisible();
    await expect(citizen.getByText('ผู้สูงอายุต้องยืนรอคิวนาน')).toBeVisible();
    const served = await citizen.request.get(imageUrl);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/png');
    // Served as data, never as a page: a sandboxing CSP that lets nothing run, not the pages' one (which the proxy
    // once set over the route's own on every /api/ path).
    expect(served.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    expect((await served.body()).toString('latin1')).not.toContain('Somchai');

    // A stranger with the whole receipt code sees the status, but cannot answer for the citizen (issue 17).
    const stranger = await browser.newPage({ locale: 'th-TH', extraHTTPHeaders: { 'x-forwarded-for': ownAddress() } });
    await stranger.goto(`/th/track/${receiptCode}`);
    await expect(stranger.getByText('ดำเนินการแล้ว', { exact: true })).toBeVisible();
    await expect(stranger.getByRole('button', { name: 'ได้', exact: true })).toHaveCount(0);
    await stranger.close();

    await citizen.goto(`/th/track/${receiptCode}`);
    await expect(citizen.getByText('ดำเนินการแล้ว', { exact: true })).toBeVisible();
    await expect(citizen.getByText('จัดที่นั่งสำหรับผู้สูงอายุแล้ว ขอบคุณที่แจ้ง')).toBeVisible();
    await expect(citizen.getByRole('link', { name: title })).toBeVisible();
    await citizen.getByRole('button', { name: 'ได้', exact: true }).click();
    await expect(citizen.getByText('ขอบคุณที่ตอบ เราจะนำไปปรับปรุงต่อ')).toBeVisible();
    await citizen.reload();
    // The answer is kept, and the citizen may change it if the problem comes back.
    await expect(citizen.getByText('ท่านตอบแล้ว ขอบคุณ หากปัญหากลับมา ท่านเปลี่ยนคำตอบได้')).toBeVisible();
    for (const s of [pr, clerk]) await s.context.close();
  });

  test('a wrong photo is removed from a published action, without JavaScript: gone from the pages, the file route and the disk', async ({
    browser,
  }) => {
    const clerk = await as(browser, 'clerk');
    await clerk.page.goto('/th/staff/actions/new');
    const title = `ป้ายบอกทางใหม่ ${Date.now().toString(36)}`;
    await clerk.page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(title);
    await clerk.page.getByLabel('ประชาชนบอกว่า (สรุป ไม่ใส่ข้อมูลส่วนบุคคล)').fill('หาห้องไม่เจอ');
    await clerk.page.getByLabel('กองที่รับผิดชอบ').selectOption('clerk');
    await clerk.page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(title);
    const actionUrl = clerk.page.url();
    const actionId = actionUrl.split('/').pop()!;
    await uploadEvidence(clerk.page, { name: 'face.png', mimeType: 'image/png', buffer: await clerk.page.screenshot() });
    const evidence = clerk.page.getByRole('region', { name: 'หลักฐาน (ภาพถ่าย หรือเอกสาร PDF)' });
    await expect(evidence.getByRole('img')).toBeVisible();
    const imageUrl = new URL((await evidence.getByRole('img').getAttribute('src'))!, actionUrl).toString();
    const stored = path.resolve(dataDir, 'evidence', imageUrl.split('/').pop()!);
    expect(fs.existsSync(stored)).toBe(true);

    const pr = await as(browser, 'pr');
    await pr.page.goto(actionUrl);
    await pr.page.getByRole('button', { name: 'เผยแพร่ต่อสาธารณะ' }).click();
    await expect(pr.page.getByText('เผยแพร่แล้ว', { exact: true })).toBeVisible();
    const anonymous = await browser.newPage({ locale: 'th-TH' });
    const publicEvidence = anonymous.getByRole('region', { name: 'หลักฐาน (ภาพถ่าย หรือเอกสาร PDF)' });
    await anonymous.goto(`/th/improvements/${actionId}`);
    await expect(publicEvidence.getByRole('img')).toBeVisible();
    expect((await anonymous.request.get(imageUrl)).status()).toBe(200);
    // Executives read and never change; another division's staff may not touch the clerk's action.
    for (const role of ['executive', 'engineering'] as const) {
      const other = await as(browser, role);
      await other.page.goto(actionUrl);
      await expect(other.page.getByRole('region', { name: 'หลักฐาน (ภาพถ่าย หรือเอกสาร PDF)' }).getByRole('img')).toBeVisible();
      await expect(other.page.getByRole('link', { name: 'ลบไฟล์นี้' })).toHaveCount(0);
      await other.context.close();
    }

    // The clerk, with JavaScript off: the link asks first, and cancelling keeps the file.
    const noScript = await browser.newContext({ storageState: storageStateOf('clerk'), locale: 'th-TH', javaScriptEnabled: false });
    const page = await noScript.newPage();
    await page.goto(actionUrl);
    await page.getByRole('link', { name: 'ลบไฟล์นี้' }).click();
    const confirm = page.getByRole('group', { name: 'ลบไฟล์นี้ถาวรหรือไม่' });
    await expect(confirm).toContainText('ขณะนี้ประชาชนเห็นไฟล์นี้อยู่');
    await confirm.getByRole('link', { name: 'ยกเลิก' }).click();
    await expect(confirm).toHaveCount(0);
    expect(fs.existsSync(stored)).toBe(true);
    await page.getByRole('link', { name: 'ลบไฟล์นี้' }).click();
    await page.getByRole('button', { name: 'ยืนยัน ลบไฟล์' }).click();
    await expect(page.getByRole('status')).toHaveText('ลบไฟล์แล้ว');
    await expect(page.getByRole('region', { name: 'หลักฐาน (ภาพถ่าย หรือเอกสาร PDF)' })).toHaveCount(0);
    // Audited: the PR officer reads who removed it in the action's history (division staff read no action history).
    await pr.page.reload();
    await expect(pr.page.getByRole('region', { name: 'ประวัติการแก้ไข' })).toContainText('ลบหลักฐาน');

    expect((await page.request.get(imageUrl)).status()).toBe(404);
    expect((await anonymous.request.get(imageUrl)).status()).toBe(404);
    expect(fs.existsSync(stored)).toBe(false);
    await anonymous.reload();
    await expect(anonymous.getByRole('heading', { name: title })).toBeVisible();
    await expect(publicEvidence).toHaveCount(0);
    await anonymous.close();
    for (const c of [noScript, pr.context, clerk.context]) await c.close();
  });

  test('an unpublished action is never visible to the public, by URL or by feed', async ({ browser }) => {
    const pr = await as(browser, 'pr');
    await pr.page.goto('/th/staff/actions/new');
    const title = `แผนที่ยังไม่เผยแพร่ ${Date.now().toString(36)}`;
    await pr.page.getByLabel('ชื่อการปรับปรุง (ไทย)').fill(title);
    await pr.page.getByLabel('กองที่รับผิดชอบ').selectOption('engineering');
    await pr.page.getByRole('button', { name: 'สร้าง' }).click();
    await expect(pr.page.getByRole('heading', { level: 1 })).toHaveText(title);
    const id = pr.page.url().split('/').pop()!;

    const anonymous = await browser.newPage({ locale: 'th-TH' });
    expect((await anonymous.goto(`/th/improvements/${id}`))?.status()).toBe(404);
    await anonymous.goto('/th/improvements');
    await expect(anonymous.getByText(title)).toHaveCount(0);
    const feed = await anonymous.request.get('/th/improvements/feed.xml');
    expect(feed.headers()['content-type']).toContain('application/atom+xml');
    expect(await feed.text()).not.toContain(title);
    await pr.context.close();
  });
});

import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { storageStateOf } from './staff';

/**
 * The yearly report and the QR posters as they come off a printer: Chromium prints them to PDF (page.pdf, the same
 * engine as the print button) and the PDF's own text is read back (unpdf), so what is checked is what is on paper.
 */
test.use({ storageState: storageStateOf('admin') });

const DEMO_YEAR = 2569;

/**
 * Bound on the printed pages of the demo year (it prints 8 today). The demo year has 12 numbered tables: 1 bands, 4
 * respondent tables, dimensions, 4 dimensions' items, service points, suggestions. In a compact layout the cover (1)
 * and the contents (1) have pages of their own; the method with its bands table and the four respondent tables (6–9
 * rows each) with their sentences fit on 3; the dimension table and the four item tables (3–4 rows each, with their
 * sentences) and the service points on 3; suggestions, improvements, the conclusion and the signature block on 2.
 * That is 10 at most. The old layout printed 12 pages, a page break before each part and mostly empty pages; a layout
 * that goes back to a page per part or per table exceeds the bound.
 */
const MAX_PAGES = 10;
const MIN_PAGES = 5; // cover, contents, and at least three pages of content: a report cut short fails too

interface Printed {
  pages: string[];
}

/**
 * Thai text as a PDF gives it back, reduced to what survives the round trip: pdf.js drops the marks that Sarabun
 * draws as positioned glyphs (tone marks, some vowels above and below: "ที่" reads "ที "), splits ำ, and breaks lines
 * mid-phrase; a lost glyph may come back as NUL. So both sides are compared by letters and digits alone: "ส่วนที่ ๑" →
 * "สวนท๑".
 */
const letters = (text: string) =>
  text
    .normalize('NFC')
    .replace(/\u0E33/g, '\u0E32')
    // Marks, whitespace, and what a lost glyph comes back as (NUL, private-use, replacement characters).
    .replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\s\u0000-\u001F\uE000-\uF8FF\uFFFD]/g, '');

async function printToPdf(page: Page, options: Parameters<Page['pdf']>[0] = {}): Promise<Printed> {
  await page.evaluate(() => document.fonts.ready);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...options });
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(proxy, { mergePages: false });
  return { pages: text.map(letters) };
}

async function pageSizes(pdf: Buffer): Promise<[number, number][]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const sizes: [number, number][] = [];
  for (let i = 1; i <= proxy.numPages; i++) {
    const [x0, y0, x1, y1] = (await proxy.getPage(i)).view as [number, number, number, number];
    sizes.push([Math.round(x1 - x0), Math.round(y1 - y0)]);
  }
  return sizes;
}

/** Change fields of the organisation form as the admin does, and save. */
async function saveSettings(page: Page, change: (form: ReturnType<Page['locator']>) => Promise<void>) {
  await page.goto('/th/staff/admin');
  const form = page.locator('form').filter({ has: page.locator('input[name="referencePrefix"]') });
  await change(form);
  await form.getByRole('button', { name: 'บันทึก' }).click();
  await expect(page).toHaveURL(/\/th\/staff\/admin\?saved=1$/);
}

/** The table numbers in the order they are printed ("ตารางที่ 7 …", read back as "ตารางท7…"), in either digits. */
function tableNumbers(text: string): number[] {
  return [...text.matchAll(/ตารางท([0-9๐-๙]+)/g)].map((m) => Number(m[1]!.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))));
}

const SIGNATORIES = {
  preparerNameTh: 'นางสาวสมศรี ใจดี',
  preparerPositionTh: 'นักประชาสัมพันธ์ชำนาญการ',
  approverNameTh: 'นายสมชาย รักษ์ถิ่น',
  approverPositionTh: 'ปลัดเทศบาลตำบลเกษตรพัฒนา',
};

test.describe('the printed yearly report', () => {
  test('prints compactly: cover, contents, tables numbered in sequence, page numbers, and the signature block from the settings', async ({
    page,
  }) => {
    const before: Record<string, string> = {};
    await saveSettings(page, async (form) => {
      for (const [name, value] of Object.entries(SIGNATORIES)) {
        before[name] = await form.locator(`[name="${name}"]`).inputValue();
        await form.locator(`[name="${name}"]`).fill(value);
      }
    });
    try {
      await page.goto(`/th/staff/reports/${DEMO_YEAR}`);
      await expect(page.getByRole('button', { name: 'พิมพ์รายงาน' })).toBeVisible();
      // The prose, read on screen where the text is exact: the demo is collected by QR only, so the method names that
      // channel with its count (every response), and no other; most demo respondents give no gender, and the summary
      // says so instead of calling a minority "the largest group".
      await expect(page.locator('#method p').first()).toContainText(
        /ผ่านการสแกนคิวอาร์โค้ด ณ จุดบริการด้วยโทรศัพท์ของตนเอง ([\d,]+) คน รวมผู้ตอบแบบประเมินทั้งสิ้น \1 คน/,
      );
      await expect(page.locator('#method')).not.toContainText(/กระดาษ|เว็บไซต์ของเทศบาล|แท็บเล็ต/);
      await expect(page.locator('#part1')).toContainText(/ผู้ตอบส่วนใหญ่ไม่ได้ระบุเพศ \([\d,]+ คน คิดเป็นร้อยละ 5\d\.\d\d\)/);
      await expect(page.locator('#part1')).not.toContainText('จำแนกตามเพศ กลุ่มที่มากที่สุด');
      await expect(page.locator('#table-dimensions')).toContainText('จำนวนคำตอบรายข้อ');
      const tablesOnScreen = await page.locator('.report caption').count();

      const { pages } = await printToPdf(page);
      expect(pages.length, `${pages.length} pages`).toBeLessThanOrEqual(MAX_PAGES);
      expect(pages.length).toBeGreaterThanOrEqual(MIN_PAGES);

      // The cover: title, fiscal year in B.E., the round, the municipality; and no page number on it.
      for (const text of [
        'รายงานผลการประเมินความพึงพอใจของผู้รับบริการ',
        `ประจำปีงบประมาณ พ.ศ. ${DEMO_YEAR}`,
        'รอบ 12 เดือน (1 ตุลาคม 2568 – 30 กันยายน 2569)',
        'เทศบาลตำบลเกษตรพัฒนา',
      ]) {
        expect(pages[0]).toContain(letters(text));
      }
      expect(pages[0]).not.toContain('-1-');
      // Every later page carries its own number at the top, "- n -".
      for (let i = 1; i < pages.length; i++) expect(pages[i], `page ${i + 1}`).toContain(`-${i + 1}-`);

      // The contents list every table 1..N, then the body prints them 1..N in order, none skipped or repeated.
      expect(pages[1]).toContain(letters('สารบัญตาราง'));
      const sequence = Array.from({ length: tablesOnScreen }, (_, i) => i + 1);
      expect(tablesOnScreen).toBe(12);
      expect(tableNumbers(pages[1]!)).toEqual(sequence);
      expect(tableNumbers(pages.slice(2).join(''))).toEqual(sequence);

      // The parts an official report has, in order, ending with the conclusion and the signatures.
      const body = pages.slice(2).join('');
      const order = ['วิธีการดำเนินการ', 'ส่วนที่ 1', 'ส่วนที่ 2', 'ส่วนที่ 3', 'ส่วนที่ 4', 'ส่วนที่ 5 สรุปผลและข้อเสนอแนะ'].map((h) =>
        body.indexOf(letters(h)),
      );
      expect(order.every((at) => at >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(body).toContain(letters('ลำดับที่'));
      expect(body).toContain(letters('ข้อที่มีค่าเฉลี่ยต่ำที่สุด'));
      const last = pages.at(-1)!;
      for (const text of ['ลงชื่อ', 'ผู้จัดทำรายงาน', 'ผู้รับรองรายงาน', ...Object.values(SIGNATORIES)]) expect(last).toContain(letters(text));
    } finally {
      await saveSettings(page, async (form) => {
        for (const [name, value] of Object.entries(before)) await form.locator(`[name="${name}"]`).fill(value);
      });
    }
  });

  test('with Thai digits on, not one Arabic digit is printed, headings, labels, page numbers and dates included', async ({ page }) => {
    await saveSettings(page, (form) => form.getByLabel('แสดงตัวเลขไทยในรายงาน').check());
    try {
      await page.goto(`/th/staff/reports/${DEMO_YEAR}`);
      const { pages } = await printToPdf(page);
      const text = pages.join('');
      const arabic = [...text.matchAll(/.{0,20}[0-9].{0,20}/g)].map((m) => m[0]);
      expect(arabic).toEqual([]);
      // The digits the issue found Arabic: in headings, captions, the LPA criterion, the scale and the age bands.
      for (const expected of [
        'ประจำปีงบประมาณ พ.ศ. ๒๕๖๙',
        'รอบ ๑๒ เดือน',
        'ส่วนที่ ๑',
        'ตารางที่ ๒',
        'ตารางที่ ๑๒',
        'ร้อยละ ๗๐',
        '๕ ระดับ',
        '๒๐–๒๙ ปี',
      ]) {
        expect(text, expected).toContain(letters(expected));
      }
      expect(pages[1]).toContain('-๒-');

      // The address takes the year in Thai digits too, and a year without responses says so in them.
      const empty = await page.goto('/th/staff/reports/๒๕๖๗');
      expect(empty?.status()).toBe(200);
      await expect(page.getByRole('status')).toHaveText('ยังไม่มีผู้ตอบแบบประเมินในปีงบประมาณ ๒๕๖๗ จึงยังไม่มีรายงานผล');
    } finally {
      await saveSettings(page, (form) => form.getByLabel('แสดงตัวเลขไทยในรายงาน').uncheck());
    }
  });
});

test.describe('the printed QR posters', () => {
  const cases = [
    { size: 'a5', query: 'size=a5', sheet: [420, 595] },
    { size: 'a4', query: 'size=a4', sheet: [595, 842] },
    // One counter's poster alone (the link from its page): one sheet, not three.
    { size: 'a5', query: 'point=civil-registration&size=a5', sheet: [420, 595] },
  ] as const;
  for (const { size, query, sheet } of cases) {
    test(`print one ${size.toUpperCase()} sheet per poster, of that size (${query})`, async ({ page }) => {
      await page.goto(`/th/staff/admin/posters?${query}`);
      const posters = await page.locator('.poster').count();
      expect(posters).toBeGreaterThan(0);
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const sizes = await pageSizes(pdf);
      expect(sizes).toHaveLength(posters);
      for (const [w, h] of sizes) {
        expect(Math.abs(w - sheet[0])).toBeLessThanOrEqual(1);
        expect(Math.abs(h - sheet[1])).toBeLessThanOrEqual(1);
      }
      // Each sheet holds a whole poster, from the call to scan down to the address under the code and the note.
      const proxy = await getDocumentProxy(new Uint8Array(pdf));
      const { text } = await extractText(proxy, { mergePages: false });
      for (const sheetText of text.map(letters)) {
        expect(sheetText).toContain(letters('สแกนเพื่อประเมินความพึงพอใจ'));
        expect(sheetText).toMatch(/\/s\/[a-z0-9-]+/);
        expect(sheetText).toContain('Nonameneeded');
      }
    });
  }
});

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
 * Bound on the printed pages of the demo year. The demo year has 12 numbered tables (1 bands, 4 respondent tables,
 * dimensions, 4 dimensions' items, service points, suggestions). Laid out compactly: the cover (1) and the contents (1)
 * have pages of their own; the method and its small bands table fit on one page; the four respondent tables (6–9 rows
 * each) with their sentences take at most two; the dimension table and the four item tables (4 rows each, with their
 * sentences) at most three; service points, suggestions with their examples, improvements at most two; the conclusion
 * and the signature block at most two. That is 11 at most. The old layout printed 12 pages, one table each, mostly
 * empty; a layout that goes back to a page per table or per part exceeds the bound.
 */
const MAX_PAGES = 11;
const MIN_PAGES = 5; // cover, contents, and at least three pages of content: a report cut short fails too

interface Printed {
  pages: string[];
}

async function printToPdf(page: Page, options: Parameters<Page['pdf']>[0] = {}): Promise<Printed> {
  await page.evaluate(() => document.fonts.ready);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, ...options });
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(proxy, { mergePages: false });
  return { pages: text.map((t) => t.replace(/\s+/g, ' ')) };
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

/** The table numbers in the order they are printed ("ตารางที่ 7 …"), read in either digits. */
function tableNumbers(text: string): number[] {
  return [...text.matchAll(/ตารางที่ ([0-9๐-๙]+)/g)].map((m) => Number(m[1]!.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))));
}

const SIGNATORIES = {
  preparerNameTh: 'นางสาวสมศรี ใจดี',
  preparerPositionTh: 'นักประชาสัมพันธ์ชำนาญการ',
  approverNameTh: 'นายสมชาย รักษ์ถิ่น',
  approverPositionTh: 'ปลัดเทศบาลตำบลเกษตรพัฒนา',
};

test.describe('the printed yearly report', () => {
  test('prints compactly: cover, contents, tables numbered in sequence, page numbers, and the signature block from the settings', async ({ page }) => {
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
      const tablesOnScreen = await page.locator('.report caption').count();
      const { pages } = await printToPdf(page);

      expect(pages.length, `${pages.length} pages`).toBeLessThanOrEqual(MAX_PAGES);
      expect(pages.length).toBeGreaterThanOrEqual(MIN_PAGES);

      // The cover: title, fiscal year in B.E., the round, the municipality; and no page number on it.
      expect(pages[0]).toContain('รายงานผลการประเมินความพึงพอใจของผู้รับบริการ');
      expect(pages[0]).toContain(`ประจำปีงบประมาณ พ.ศ. ${DEMO_YEAR}`);
      expect(pages[0]).toContain('รอบ 12 เดือน (1 ตุลาคม 2568 – 30 กันยายน 2569)');
      expect(pages[0]).toContain('เทศบาลตำบลเกษตรพัฒนา');
      expect(pages[0]).not.toMatch(/- 1 -/);
      // Every later page carries its own number at the top, "- n -".
      for (let i = 1; i < pages.length; i++) expect(pages[i], `page ${i + 1}`).toContain(`- ${i + 1} -`);

      // The contents list every table 1..N, then the body prints them 1..N in order, none skipped or repeated.
      expect(pages[1]).toContain('สารบัญ');
      const listed = tableNumbers(pages[1]!);
      const printed = tableNumbers(pages.slice(2).join(' '));
      const sequence = Array.from({ length: tablesOnScreen }, (_, i) => i + 1);
      expect(tablesOnScreen).toBe(12);
      expect(listed).toEqual(sequence);
      expect(printed).toEqual(sequence);

      // The parts an official report has, in order, ending with the conclusion and the signatures.
      const body = pages.join(' ');
      const order = ['วิธีการดำเนินการ', 'ส่วนที่ 1', 'ส่วนที่ 2', 'ส่วนที่ 3', 'ส่วนที่ 4', 'ส่วนที่ 5 สรุปผลและข้อเสนอแนะ'].map((h) => body.lastIndexOf(h));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(body).toContain('ลำดับที่');
      expect(body).toContain('ข้อที่มีค่าเฉลี่ยต่ำที่สุด');
      const last = pages.at(-1)!;
      for (const text of ['ลงชื่อ', 'ผู้จัดทำรายงาน', 'ผู้รับรองรายงาน', ...Object.values(SIGNATORIES)]) expect(last).toContain(text);
      // The demo is collected by QR only: the method names that channel with its count, and no other.
      expect(body).toMatch(/ผ่านการสแกนคิวอาร์โค้ด ณ จุดบริการด้วยโทรศัพท์ของตนเอง [\d,]+ คน รวมผู้ตอบ/);
      // Most demo respondents give no gender: the summary says so instead of calling a minority "the largest group".
      expect(body).toContain('ผู้ตอบส่วนใหญ่ไม่ได้ระบุเพศ');
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
      const text = pages.join('\n');
      const arabic = [...text.matchAll(/.{0,20}[0-9].{0,20}/g)].map((m) => m[0]);
      expect(arabic).toEqual([]);
      expect(text).toContain('ประจำปีงบประมาณ พ.ศ. ๒๕๖๙');
      expect(text).toContain('รอบ ๑๒ เดือน');
      expect(text).toContain('ส่วนที่ ๑');
      expect(text).toContain('ตารางที่ ๑๒');
      expect(text).toContain('ร้อยละ ๗๐');
      expect(text).toContain('๕ ระดับ');
      expect(text).toContain('๒๐–๒๙ ปี');
      expect(pages[1]).toContain('- ๒ -');

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
  for (const [size, [width, height]] of [['a5', [420, 595]], ['a4', [595, 842]]] as const) {
    test(`print one ${size.toUpperCase()} sheet per poster, of that size`, async ({ page }) => {
      await page.goto(`/th/staff/admin/posters?size=${size}`);
      const posters = await page.locator('.poster').count();
      expect(posters).toBeGreaterThan(1);
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const sizes = await pageSizes(pdf);
      expect(sizes).toHaveLength(posters);
      for (const [w, h] of sizes) {
        expect(Math.abs(w - width)).toBeLessThanOrEqual(1);
        expect(Math.abs(h - height)).toBeLessThanOrEqual(1);
      }
      // Each sheet holds a whole poster: the counter's name, the call to scan, and the address under the code.
      const proxy = await getDocumentProxy(new Uint8Array(pdf));
      const { text } = await extractText(proxy, { mergePages: false });
      for (const sheet of text) {
        expect(sheet).toContain('สแกนเพื่อประเมินความพึงพอใจ');
        expect(sheet).toMatch(/\/s\/[a-z0-9-]+/);
      }
    });
  }
});

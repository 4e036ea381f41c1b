import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cspViolations } from './helpers';
import { storageStateOf } from './staff';

test.use({ storageState: storageStateOf('pr') });

const cardValue = (page: Page, label: string) => page.locator(`.card:has(.label:text-is("${label}")) .value`);
const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.describe('the dashboard and the official report', () => {
  test('renders the demo data with charts and their tables, and filters change the numbers', async ({ page }) => {
    const violations = cspViolations(page);
    await page.goto('/th/staff?fiscalYear=2569');
    const all = count(await cardValue(page, 'จำนวนผู้ตอบ').textContent());
    expect(all).toBeGreaterThan(1000);
    await expect(page.locator('canvas')).not.toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'รายข้อ เรียงจากคะแนนต่ำสุด' })).toBeVisible();
    await expect(page.getByRole('row', { name: /ความพึงพอใจโดยรวม/ }).first()).toBeVisible();

    await page.getByLabel('กอง', { exact: true }).selectOption('engineering');
    await page.getByRole('button', { name: 'แสดงผล' }).click();
    await expect(page).toHaveURL(/division=engineering/);
    const engineering = count(await cardValue(page, 'จำนวนผู้ตอบ').textContent());
    expect(engineering).toBeGreaterThan(0);
    expect(engineering).toBeLessThan(all);
    // The weakest items are the building-permit counter's slow process (as the demo data was built).
    await expect(page.locator('table.data').nth(2).locator('tbody tr').first()).toContainText('ควรปรับปรุง');
    expect(violations).toEqual([]);
  });

  test('a bad filter in the address is named in words, not as its parameter', async ({ page }) => {
    await page.goto('/th/staff/feedback?from=2026-13-45&to=yesterday');
    await expect(page.getByRole('status').filter({ hasText: 'ตัวกรองบางรายการไม่ถูกต้อง' })).toContainText('ตั้งแต่วันที่และถึงวันที่');
  });

  test('an empty selection says there is no data, never NaN', async ({ page }) => {
    await page.goto('/th/staff?fiscalYear=2560');
    await expect(cardValue(page, 'จำนวนผู้ตอบ')).toHaveText('0');
    await expect(cardValue(page, 'ความพึงพอใจโดยรวม')).toHaveText('ไม่มีข้อมูล');
    expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
  });

  test('the report shows the same overall percentage as the dashboard, with the ranking in words', async ({ page }) => {
    await page.goto('/th/staff?fiscalYear=2569');
    const percent = (await cardValue(page, 'ความพึงพอใจโดยรวม').textContent())!.replace('%', '').trim();
    await page.getByRole('link', { name: 'รายงานผลประจำปีงบประมาณ 2569' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('รายงานผลการประเมินความพึงพอใจของผู้รับบริการ');
    await expect(page.getByText('ประจำปีงบประมาณ พ.ศ. 2569')).toBeVisible();
    // Part 2 states it (the conclusion, part 5, repeats it).
    await expect(page.locator('#part2').getByText(`คิดเป็นร้อยละ ${percent}`)).toBeVisible();
    await expect(page.getByText(/มีค่าเฉลี่ยสูงที่สุด .* รองลงมาคือ/).first()).toBeVisible();
    await page.getByRole('link', { name: 'ฉบับภาษาอังกฤษ' }).click();
    await expect(page.locator('#part2').getByText(`or ${percent}%`)).toBeVisible();
  });

  test('the report is found by a year in Thai digits, and an empty or future year says so instead of printing zeros', async ({ page }) => {
    await page.goto('/th/staff/reports/๒๕๖๙');
    await expect(page.getByText('ประจำปีงบประมาณ พ.ศ. 2569')).toBeVisible();
    await page.goto('/th/staff/reports/2580');
    await expect(page.getByRole('status')).toHaveText('ปีงบประมาณ 2580 ยังไม่เริ่มต้น จึงยังไม่มีรายงานผล');
    await page.goto('/th/staff/reports/2560');
    await expect(page.getByRole('status')).toHaveText('ยังไม่มีผู้ตอบแบบประเมินในปีงบประมาณ 2560 จึงยังไม่มีรายงานผล');
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  test('a downloaded CSV opens with correct Thai text and the same count as the dashboard', async ({ page }) => {
    await page.goto('/th/staff?fiscalYear=2569&division=clerk');
    const responses = count(await cardValue(page, 'จำนวนผู้ตอบ').textContent());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'คำตอบ (CSV)' }).click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM that makes Excel read UTF-8
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toContain('เลขอ้างอิง,วันเวลา,ปีงบประมาณ');
    expect(text.split('\r\n')[0]).toContain('สิ่งที่สำคัญที่สุด (แท็บเล็ต)'); // the kiosk follow-up answer
    const rows = text.split('\r\n').filter((line) => /^KP-\d{4}-\d{6}/.test(line));
    expect(rows).toHaveLength(responses);
    expect(text).toContain('ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน'); // item headers in Thai, intact
    expect(text).not.toMatch(/@example\.org/); // contact details are never exported
    // Named for what it holds; counters and divisions by name, not by their slugs in links.
    expect(download.suggestedFilename()).toBe('siang-responses-fy2569-clerk.csv');
    expect(rows[0]).toContain('สำนักปลัดเทศบาล');
    expect(text).not.toMatch(/,clerk,/);
    // Item columns in the questionnaire's order (process items first), whatever their ratings.
    const header = text.split('\r\n')[0]!;
    expect(header.indexOf('ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน')).toBeLessThan(header.indexOf('เจ้าหน้าที่'));
  });

  test('the statistics tables export gives each figure as the pages print it', async ({ page }) => {
    await page.goto('/th/staff?fiscalYear=2569');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ตารางสถิติ (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('siang-tables-fy2569.csv');
    const text = fs
      .readFileSync((await download.path())!)
      .toString('utf8')
      .slice(1);
    // Fields of each line (a quoted field may hold commas); mean, S.D. and percent are the 4th to 6th.
    const fields = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!);
    const figures = text
      .split('\r\n')
      .slice(1)
      .flatMap((line) => fields(line).slice(3, 6))
      .filter((f) => /^\d/.test(f));
    expect(figures.length).toBeGreaterThan(20);
    for (const figure of figures) expect(figure, figure).toMatch(/^\d+(\.\d{1,2})?$/);
  });

  test('staff and public pages have no serious accessibility violations (axe)', async ({ page }) => {
    for (const path of [
      '/th/staff?fiscalYear=2569',
      '/th/staff/feedback',
      '/th/staff/reports/2569',
      '/th/staff/actions',
      '/en/results?period=2569',
      '/th/improvements',
      '/th/participation/2569',
    ]) {
      await page.goto(path);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    }
  });
});

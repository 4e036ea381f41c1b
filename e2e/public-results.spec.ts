import { expect, test, type Page } from '@playwright/test';

/**
 * Issue 17: the public results offer whole periods only (a fiscal year, its 6-month round, a month), say why a cell
 * has no figure, and answer an older date-range link with a redirect or a message, never an error page. With
 * JavaScript on and off (the form is a plain GET form).
 */

const HIDDEN_TH = 'ไม่แสดง: ผู้ตอบน้อยกว่า 5 คน หรือซ่อนไว้เพื่อไม่ให้คำนวณย้อนหากลุ่มที่เล็กกว่าได้';

async function periodValues(page: Page): Promise<string[]> {
  return page.locator('#r-period option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('offers only a fiscal year, its 6-month round and its months, in B.E.', async ({ page }) => {
      await page.goto('/th/results');
      const values = await periodValues(page);
      expect(values.length).toBeGreaterThan(8);
      for (const value of values) expect(value).toMatch(/^(25\d\d|25\d\d-h1|20\d\d-\d\d)$/);
      const current = values[0]!;
      await expect(page.getByTestId('period-shown')).toHaveText(
        new RegExp(`^ผลของปีงบประมาณ ${current} \\(ต\\.ค\\. \\d\\d – ก\\.ย\\. \\d\\d\\)$`),
      );
      await expect(page.locator('#r-period option', { hasText: 'รอบ 6 เดือน' }).first()).toHaveText(
        /^รอบ 6 เดือน ปีงบประมาณ 25\d\d \(ต\.ค\. \d\d – มี\.ค\. \d\d\)$/,
      );
      await expect(page.locator('label[for="r-from"], input[type="date"]')).toHaveCount(0); // no date fields at all

      // Choose last year's round with the form, as a citizen would.
      const round = `${Number(current) - 1}-h1`;
      await page.locator('#r-period').selectOption(round);
      await page.getByRole('button', { name: 'แสดง' }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]period=${round}(&|$)`));
      await expect(page.getByTestId('period-shown')).toContainText(`รอบ 6 เดือน ปีงบประมาณ ${Number(current) - 1}`);
      await expect(page.locator('table').first()).toBeVisible();
    });

    test("says in the reader's language why a cell has no figure", async ({ page }) => {
      await page.goto('/th/results');
      // The months offered, this fiscal year's first: a month of a small counter soon has a hidden cell.
      const months = (await periodValues(page)).filter((v) => /^20\d\d-\d\d$/.test(v)).slice(0, 8);
      let found = false;
      for (const month of months) {
        await page.goto(`/th/results?period=${month}`);
        if (await page.getByText(HIDDEN_TH).count()) {
          found = true;
          break;
        }
      }
      expect(found, 'a hidden cell in one of the recent months').toBe(true);
      const hiddenRow = page.locator('tr', { hasText: HIDDEN_TH }).first();
      await expect(hiddenRow.locator('td')).toHaveCount(1); // the message stands where the five figures would
      await expect(page.getByTestId('hidden-note')).toContainText('น้อยกว่า 5 คน');
      await page.goto(page.url().replace('/th/', '/en/'));
      await expect(
        page.getByText('Hidden: fewer than 5 responses, or hidden so that a smaller group cannot be worked out').first(),
      ).toBeVisible();
      await page.goto(page.url().replace('/en/', '/my/'));
      await expect(page.getByText('ဖုံးထားသည်').first()).toBeVisible();
    });

    test('answers old date ranges with the period that holds them, or a message, never an error page', async ({ page }) => {
      let response = await page.goto('/th/results?from=2025-11-01&to=2025-11-15&division=clerk');
      expect(response?.status()).toBe(200);
      await expect(page).toHaveURL(/\/th\/results\?period=2025-11&division=clerk$/);
      await expect(page.getByTestId('period-shown')).toContainText('พ.ย. 68');

      response = await page.goto('/en/results?fiscalYear=2568&round=h1');
      expect(response?.status()).toBe(200);
      await expect(page).toHaveURL(/\/en\/results\?period=2568-h1$/);
      await expect(page.getByTestId('period-shown')).toHaveText('Results for 6-month round of fiscal year 2568 (Oct 2024 – Mar 2025)');

      for (const [path, message] of [
        ['/th/results?from=2024-01-01&to=2025-11-15', 'หน้านี้แสดงผลเป็นช่วงเต็มเท่านั้น'],
        ['/en/results?from=2025-11-01', 'This page shows whole periods only'],
        ['/my/results?to=2025-11-31', 'ဤစာမျက်နှာသည် ကာလအပြည့်ကိုသာ ပြသည်'],
        ['/th/results?period=2569-h2', 'ไม่พบช่วงเวลาที่ขอ'],
        ['/en/results?period=2569&division=nowhere', 'That division was not found'],
      ] as const) {
        response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.getByTestId('period-problem'), path).toContainText(message);
        await expect(page.locator('#r-period'), path).toBeVisible(); // and a way on
      }
    });
  });
}

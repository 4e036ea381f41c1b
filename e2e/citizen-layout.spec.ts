import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { POINT } from './helpers';

/** Issue 18: every language fits a small phone, the Burmese language name renders everywhere, and the public pages
 * stay usable by keyboard and at 200% zoom. */

/** Every element whose text is wider than its own box (clipped or spilling into a neighbour). */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((nodes) =>
      nodes
        .filter(
          (n) => n.scrollWidth > n.clientWidth + 1 || n.getBoundingClientRect().right > n.parentElement!.getBoundingClientRect().right + 1,
        )
        .map((n) => `${n.textContent} (${n.scrollWidth} > ${n.clientWidth})`),
    );
}

for (const width of [320, 390]) {
  test(`no rating label is clipped at ${width} px, in any language`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const locale of ['th', 'en', 'my']) {
      await page.goto(`/${locale}/s/${POINT}/more`);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.locator('.scale label').count()).toBeGreaterThan(50);
      expect(await overflowing(page, '.scale label'), `${locale} at ${width}px`).toEqual([]);
      expect(await overflowing(page, '.scale label span'), `${locale} at ${width}px`).toEqual([]);
      await page.goto(`/${locale}/s/${POINT}`);
      expect(await overflowing(page, '.face span'), `${locale} faces at ${width}px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
  });
}

test('the Burmese language name is drawn with a shipped few-glyph font on Thai and English pages', async ({ page }) => {
  const fonts = new Set<string>();
  page.on('request', (request) => {
    if (/\/fonts\/myanmar-name\.woff2?$/.test(request.url())) fonts.add(new URL(request.url()).pathname);
  });
  for (const path of ['/th', `/th/s/${POINT}`, '/en/track', '/th/results']) {
    await page.goto(path);
    const link = page.getByRole('link', { name: 'မြန်မာ' });
    await expect(link).toBeVisible();
    const covered = await link.evaluate(async (a) => {
      await document.fonts.ready;
      const family = getComputedStyle(a).fontFamily.split(',')[0]!.trim();
      return {
        family,
        check: document.fonts.check(`16px ${family}`, a.textContent!),
        loaded: [...document.fonts].some((f) => f.family.replace(/"/g, '') === family.replace(/"/g, '') && f.status === 'loaded'),
      };
    });
    expect(covered, path).toMatchObject({ check: true, loaded: true });
  }
  expect([...fonts]).toHaveLength(1);
  const file = await page.request.get([...fonts][0]!);
  expect(file.status()).toBe(200);
  expect((await file.body()).length).toBeLessThan(6 * 1024); // a few glyphs, not the 46 KB Burmese subset
});

test('/th/results: tables that scroll sideways are reachable by keyboard (axe)', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/th/results');
  const wraps = page.locator('.table-wrap');
  expect(await wraps.count()).toBeGreaterThan(0);
  for (const wrap of await wraps.all()) {
    await expect(wrap).toHaveAttribute('tabindex', '0');
    await expect(wrap).toHaveAttribute('aria-label', /.+/);
  }
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('at 200% zoom the language links stay on screen', async ({ page }) => {
  // 200% zoom on a 412 px-wide phone leaves 206 CSS pixels of layout width.
  await page.setViewportSize({ width: 206, height: 450 });
  for (const path of [`/th/s/${POINT}`, `/my/s/${POINT}/more`, '/en/results', '/th']) {
    await page.goto(path);
    for (const name of ['ไทย', 'English', 'မြန်မာ']) {
      const box = (await page.getByRole('link', { name, exact: true }).boundingBox())!;
      expect(box.x, `${path} ${name}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${path} ${name}`).toBeLessThanOrEqual(206 + 0.5);
    }
  }
});

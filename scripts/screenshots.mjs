#!/usr/bin/env node
// Take the README's screenshots from a running server: node scripts/screenshots.mjs [baseUrl]
import { chromium, devices } from '@playwright/test';
import fs from 'node:fs';

const base = process.argv[2] ?? 'http://localhost:3000';
const executablePath = fs.existsSync(chromium.executablePath()) ? undefined : '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ ...devices['Pixel 7'], locale: 'th-TH' });
fs.mkdirSync('docs/images', { recursive: true });
await page.goto(`${base}/th/s/civil-registration`);
await page.evaluate(() => document.fonts.ready);
await page.screenshot({ path: 'docs/images/survey-th.png' });
await page.getByRole('button', { name: /^พอใจมาก$/ }).click();
await page.waitForURL(/more/);
await page.evaluate(() => document.fonts.ready);
await page.screenshot({ path: 'docs/images/survey-more-th.png' });
await browser.close();
console.log('Saved docs/images/survey-th.png and survey-more-th.png');

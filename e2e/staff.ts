import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export type DemoRole = 'admin' | 'pr' | 'clerk' | 'engineering' | 'executive';

/** The test server's data folder (SIANG_DATA_DIR): demo passwords, and the evidence files under evidence/. */
export const dataDir = process.env.E2E_DATA_DIR ?? '.data-e2e';
export const emailOf = (role: DemoRole) => `${role}@siang.demo`;
export const storageStateOf = (role: DemoRole) => path.resolve('test-results', '.auth', `${role}.json`);

export function passwordOf(role: DemoRole): string {
  const accounts = JSON.parse(fs.readFileSync(path.resolve(dataDir, 'demo-accounts.json'), 'utf8')) as Record<string, string>;
  return accounts[emailOf(role)]!;
}

/** Sign in through the real form (Thai labels). */
export async function signIn(page: Page, role: DemoRole, password = passwordOf(role)) {
  await page.goto('/th/staff/login');
  await page.getByLabel('อีเมล').fill(emailOf(role));
  await page.getByLabel('รหัสผ่าน').fill(password);
  await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
}

export async function signedIn(page: Page, role: DemoRole) {
  await signIn(page, role);
  // The first sign-in after the server starts verifies bcrypt and warms every route on the way: on a loaded two-core
  // machine that alone has taken over 5 s (the default), so it gets the time a person would wait.
  await expect(page).toHaveURL(/\/th\/staff$/, { timeout: 30_000 });
}

/** Pair a tablet on a service point through the admin page, as staff do; returns the device code it shows once. */
export async function issueKioskCode(page: Page, point: string, label: string): Promise<string> {
  await page.goto(`/th/staff/admin/service-points/${point}`);
  await page.getByLabel('ชื่อแท็บเล็ต (เช่น เคาน์เตอร์ 1)').fill(label);
  await page.getByRole('button', { name: 'ออกรหัสอุปกรณ์' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'แสดงครั้งเดียว' });
  await expect(shown).toBeVisible();
  return /[A-Z2-7]{4}(?:-[A-Z2-7]{4}){4}/.exec((await shown.textContent()) ?? '')![0];
}

/** Revoke the tablet of that label on a service point (its page lists a new tablet once loaded again). */
export async function revokeKiosk(page: Page, point: string, label: string) {
  await page.goto(`/th/staff/admin/service-points/${point}`);
  await page.locator('tr', { hasText: label }).getByRole('button', { name: 'ยกเลิกการจับคู่' }).click();
  await expect(page.getByText('ยกเลิกการจับคู่แล้ว แท็บเล็ตนี้ส่งคะแนนไม่ได้อีก')).toBeVisible();
}

import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export type DemoRole = 'admin' | 'pr' | 'clerk' | 'engineering' | 'executive';

const dataDir = process.env.E2E_DATA_DIR ?? '.data-e2e';
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
  await expect(page).toHaveURL(/\/th\/staff$/);
}

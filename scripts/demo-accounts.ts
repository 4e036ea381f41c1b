import fs from 'node:fs';
import path from 'node:path';
import { addStaff } from '@/lib/auth/staff-accounts';
import { generatePassword } from '@/lib/auth/passwords';
import type { StaffRole } from '@/lib/auth/staff-profile';
import type { Db } from '@/lib/db';

/**
 * One demo account per role (two division staff, for two divisions), marked is_demo. Passwords are generated once
 * and kept beside the embedded data (demo-accounts.json, mode 0600) so that every `npm run demo` can print them.
 */

export interface DemoAccount {
  email: string;
  role: StaffRole;
  division?: string;
  displayName: string;
  password: string;
}

const ACCOUNTS: Omit<DemoAccount, 'password'>[] = [
  { email: 'admin@siang.demo', role: 'admin', displayName: 'ผู้ดูแลระบบ (ตัวอย่าง)' },
  { email: 'pr@siang.demo', role: 'pr_officer', displayName: 'สมศรี ประชาสัมพันธ์ (ตัวอย่าง)' },
  { email: 'clerk@siang.demo', role: 'division_staff', division: 'clerk', displayName: 'สมชาย สำนักปลัด (ตัวอย่าง)' },
  { email: 'engineering@siang.demo', role: 'division_staff', division: 'engineering', displayName: 'วิชัย กองช่าง (ตัวอย่าง)' },
  { email: 'executive@siang.demo', role: 'executive', displayName: 'ผู้บริหาร (ตัวอย่าง)' },
];

export async function ensureDemoAccounts(db: Db, dataDir: string): Promise<DemoAccount[]> {
  const file = path.resolve(dataDir, 'demo-accounts.json');
  let stored: Record<string, string> = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    // first run
  }
  const accounts = ACCOUNTS.map((a) => ({ ...a, password: stored[a.email] ?? generatePassword() }));
  for (const account of accounts) {
    await addStaff(db, { ...account, isDemo: true });
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(Object.fromEntries(accounts.map((a) => [a.email, a.password])), null, 2), { mode: 0o600 });
  return accounts;
}

export function printDemoAccounts(accounts: DemoAccount[], baseUrl = 'http://localhost:3000') {
  console.log(`\nDemo staff accounts (development only) — sign in at ${baseUrl}/th/staff/login`);
  for (const a of accounts) {
    console.log(`  ${a.role.padEnd(15)} ${a.email.padEnd(24)} ${a.password}${a.division ? `   (${a.division})` : ''}`);
  }
  console.log('');
}

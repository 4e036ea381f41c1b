import { expect, type Page } from '@playwright/test';

export const POINT = 'civil-registration';

/** Tap a face on the one-tap page and wait for the "tell us more" page; returns the receipt code issued (the reference
 *  with its check code, KP-2570-000123-MKHT, as the receipt prints it). */
export async function tapFace(page: Page, label: RegExp | string): Promise<string> {
  await page.getByRole('button', { name: label }).click();
  await expect(page).toHaveURL(/\/more\?/);
  const reference = new URL(page.url()).searchParams.get('ref');
  expect(reference).toMatch(/^KP-25\d\d-\d{6}-[ACDEFGHJKMNPQRTUVWXY]{4}$/);
  return reference!;
}

/** The sequence number of a reference or receipt code: KP-2570-000123(-MKHT) → 123. */
export function sequenceOf(reference: string): number {
  return Number(reference.split('-')[2]);
}

/** Collect Content-Security-Policy violations the browser reports on this page (there must be none). */
export function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/**
 * A client address of its own, for a spec file's browser: the test server trusts 127.0.0.1 as its proxy, so a context
 * that sends this in X-Forwarded-For is that client. Tracking counts every lookup toward a per-address limit (20 in
 * 10 minutes, issue 17); the specs that look references up often use their own address, so that the whole suite's
 * lookups from 127.0.0.1 never add up to the limit. 198.18.0.0/15 is the benchmarking range, never a real client.
 */
export function ownAddress(): string {
  const n = Math.floor(Math.random() * 0x1ffff);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

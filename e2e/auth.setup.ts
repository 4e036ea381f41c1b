import { test as setup } from '@playwright/test';
import { signedIn, storageStateOf, type DemoRole } from './staff';

/** Sign in once per role through the real form, and keep each session for the staff tests. */
for (const role of ['admin', 'pr', 'clerk', 'engineering', 'executive'] as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signedIn(page, role);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}

import { describe, expect, it } from 'vitest';
import { getPathname } from './navigation';
import { localePath } from './paths';
import { routing } from './routing';

describe('localePath', () => {
  it("gives next-intl's getPathname answer for every locale, home page and query included", () => {
    const hrefs = ['/', '/?k=1', '/track', '/s/civil-registration?k=abc&via=web', '/track/TH-123#status', '/kiosk/'];
    for (const locale of routing.locales) {
      for (const href of hrefs) expect(localePath({ href, locale })).toBe(getPathname({ href, locale }));
    }
    expect(localePath({ href: '/', locale: 'my' })).toBe('/my');
  });
});

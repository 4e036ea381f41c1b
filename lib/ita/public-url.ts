import { getPathname } from '@/i18n/navigation';
import type { ItaPage } from './types';

/**
 * The public address that answers an ITA item, as the assessor will open it: PUBLIC_BASE_URL (as the feed and the
 * posters use it), the Thai pages, and the fiscal year in the address so that the link keeps showing that year.
 */
export function itaItemUrl(base: string, page: ItaPage, fiscalYear: number): string {
  switch (page) {
    case 'participation':
      return base + getPathname({ href: `/participation/${fiscalYear}`, locale: 'th' });
    case 'results':
      return base + getPathname({ href: `/results?fiscalYear=${fiscalYear}`, locale: 'th' });
    case 'improvements':
      return base + getPathname({ href: `/improvements?fiscalYear=${fiscalYear}`, locale: 'th' });
  }
}

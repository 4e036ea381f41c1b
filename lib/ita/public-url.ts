import type { ItaPage } from './types';

/**
 * The public address that answers an ITA item, as the assessor will open it: PUBLIC_BASE_URL (as the feed and the
 * posters use it), the Thai pages, and the fiscal year in the address so that the link keeps showing that year.
 */
export function itaItemUrl(base: string, page: ItaPage, fiscalYear: number): string {
  switch (page) {
    case 'participation':
      return `${base}/th/participation/${fiscalYear}`;
    case 'results':
      return `${base}/th/results?fiscalYear=${fiscalYear}`;
    case 'improvements':
      return `${base}/th/improvements?fiscalYear=${fiscalYear}`;
  }
}

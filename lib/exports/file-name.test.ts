import { describe, expect, it } from 'vitest';
import { exportFileName } from './file-name';

const none = { fiscalYear: null, round: null, from: null, to: null, division: null, servicePoint: null, channel: null };

describe('export file names', () => {
  it('say the fiscal year and the round', () => {
    expect(exportFileName('responses', { ...none, fiscalYear: 2569, round: 'full', from: '2025-10-01', to: '2026-09-30' })).toBe(
      'siang-responses-fy2569',
    );
    expect(exportFileName('tables', { ...none, fiscalYear: 2569, round: 'h1', from: '2025-10-01', to: '2026-03-31' })).toBe(
      'siang-tables-fy2569-h1',
    );
  });
  it('say the dates of a range, and what the selection names', () => {
    expect(exportFileName('responses', { ...none, from: '2026-10-01', to: '2026-12-05', servicePoint: 'waste-fees' })).toBe(
      'siang-responses-2026-10-01_2026-12-05-waste-fees',
    );
    expect(exportFileName('tables', { ...none, division: 'finance', channel: 'kiosk' })).toBe('siang-tables-all-finance-kiosk');
  });
});

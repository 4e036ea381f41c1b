import { describe, expect, it } from 'vitest';
import { inboxSearch, parseInboxFilter } from './inbox-filter';

describe('inbox filters from the URL', () => {
  it('keeps the valid filters and names the invalid ones', () => {
    const { params, invalid, query } = parseInboxFilter({ status: 'new', rating: '9', division: 'clerk', q: ' คิว ', point: '../x' });
    expect(params).toEqual({ status: 'new', division: 'clerk', q: 'คิว' });
    expect(invalid.sort()).toEqual(['point', 'rating']);
    expect(query).toEqual({ status: 'new', division: 'clerk', q: 'คิว' });
  });

  it('turns a fiscal year (B.E.) into its Bangkok date range, unless dates are given', () => {
    expect(parseInboxFilter({ fy: '2569' }).query).toEqual({ from: '2025-10-01', to: '2026-09-30' });
    expect(parseInboxFilter({ fy: '2569', from: '2026-01-01' }).query).toEqual({ from: '2026-01-01' });
  });

  it('reads dates typed in B.E. with Thai or Arabic digits, and names a date not in the calendar', () => {
    expect(parseInboxFilter({ from: '๒๙/๐๒/๒๕๖๗', to: '1/3/2567' })).toMatchObject({
      invalid: [],
      query: { from: '2024-02-29', to: '2024-03-01' },
    });
    expect(parseInboxFilter({ from: '29/02/2568' }).invalid).toEqual(['from']);
  });

  it("searches a receipt's code (reference + check code, as read out on the phone) by its reference, other text as typed", () => {
    expect(parseInboxFilter({ q: 'KP-2570-000483-JHUC' }).query.q).toBe('KP-2570-000483');
    expect(parseInboxFilter({ q: 'kp ๒๕๗๐ 483 j h u c' }).query.q).toBe('KP-2570-000483');
    expect(parseInboxFilter({ q: 'ไฟทางดับ' }).query.q).toBe('ไฟทางดับ');
  });

  it('reads the paging cursor and rebuilds links without losing filters', () => {
    const { params, query } = parseInboxFilter({ status: 'new', before: '2026-11-01T03:04:05.123Z|42' });
    expect(query.before).toEqual({ at: '2026-11-01T03:04:05.123Z', id: 42 });
    expect(inboxSearch(params, { before: undefined })).toBe('?status=new');
  });
});

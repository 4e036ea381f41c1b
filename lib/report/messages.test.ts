import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import th from '@/messages/th.json';

/** Every key under a namespace, as dotted paths. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * The report builds some message keys from data (a channel, a dimension), which TypeScript cannot check, and its
 * English version must never fall back to Thai: so the report's and the settings form's messages match key for key.
 */
describe('the report’s messages', () => {
  it('has every Thai key in English and no English key without a Thai one', () => {
    expect(keys(en.staff.report).sort()).toEqual(keys(th.staff.report).sort());
    expect(keys(en.staff.admin.org).sort()).toEqual(keys(th.staff.admin.org).sort());
  });

  it('has a sentence for every channel a response can come by', () => {
    expect(Object.keys(th.staff.report.channel).sort()).toEqual(Object.keys(th.stats.channels).sort());
  });
});

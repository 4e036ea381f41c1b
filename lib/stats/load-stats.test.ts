import { describe, expect, it } from 'vitest';
import { anon, serviceRole, type Caller, type Db } from '@/lib/db/types';
import { loadPublicResults, loadSatisfactionStats } from './load-stats';

function recordingDb() {
  const calls: { fn: string; args: Record<string, unknown>; caller: Caller }[] = [];
  const db: Db = {
    mode: 'embedded',
    async rpc<T>(fn: string, args: Record<string, unknown>, caller: Caller) {
      calls.push({ fn, args, caller });
      return { fn } as T;
    },
    migrationState: async () => ({ applied: [], pending: [] }),
    close: async () => undefined,
  };
  return { db, calls };
}

describe('the statistics loaders', () => {
  it('call satisfaction_stats as the given caller with the jsonb filter and locale', async () => {
    const { db, calls } = recordingDb();
    await loadSatisfactionStats(db, serviceRole, { fiscalYear: 2568, round: 'h1' }, 'en');
    expect(calls).toEqual([
      { fn: 'satisfaction_stats', args: { p_filter: { fiscalYear: 2568, round: 'h1' }, p_locale: 'en' }, caller: serviceRole },
    ]);
  });

  it('call public_results as anon, in Thai by default', async () => {
    const { db, calls } = recordingDb();
    await loadPublicResults(db, { month: '2025-10', servicePoint: 'waste-fees' });
    expect(calls).toEqual([
      { fn: 'public_results', args: { p_filter: { month: '2025-10', servicePoint: 'waste-fees' }, p_locale: 'th' }, caller: anon },
    ]);
  });
});

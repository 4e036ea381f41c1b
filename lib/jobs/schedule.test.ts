import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleJob } from './schedule';

describe('scheduleJob', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs first after firstMs, then every everyMs, never twice at once, and goes on after a failure', async () => {
    let calls = 0;
    let release: (() => void) | undefined;
    scheduleJob({
      name: 'test job',
      firstMs: 1_000,
      everyMs: 5_000,
      run: () => {
        calls++;
        if (calls === 1) return new Promise<void>((resolve) => (release = resolve)); // a slow first run
        if (calls === 2) return Promise.reject(new Error('boom'));
        return Promise.resolve();
      },
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000); // due again while the first still runs: skipped
    expect(calls).toBe(1);
    release!();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(2); // this one fails
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(3); // and the next still runs
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncTimers } from '../../electron/services/shared-store/sync-timers';

function timers(published: number[]) {
  return new SyncTimers({
    pollMs: 60_000,
    publishDelayMs: 25,
    watchDir: undefined,
    readable: () => true,
    full: async () => {},
    publish: () => published.push(performance.now()),
  });
}

describe('SyncTimers publishing', () => {
  afterEach(() => vi.useRealTimers());

  it('publishes 25 ms after an occasional append, and at most every 100 ms in a burst', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const published: number[] = [];
    const t = timers(published);
    const t0 = performance.now();
    t.publishSoon();
    t.publishSoon(); // the same burst: one publish
    vi.advanceTimersByTime(25);
    expect(published.map((p) => p - t0)).toEqual([25]);

    // A burst right after: waits until 100 ms after the last publish, not 25 ms.
    for (let i = 0; i < 10; i++) {
      t.publishSoon();
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(100);
    expect(published.map((p) => p - t0)).toEqual([25, 125]);

    // Quiet for a while: the next append goes out 25 ms after it again.
    vi.advanceTimersByTime(1000);
    const t1 = performance.now();
    t.publishSoon();
    vi.advanceTimersByTime(25);
    expect(published.at(-1)! - t1).toBe(25);
    t.stop();
  });
});

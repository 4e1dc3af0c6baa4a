import { describe, expect, it, vi } from 'vitest';
import type { SharedStoreStatus } from '../../shared/contract/store-api';
import { StatusFeed } from '../../electron/services/shared-store/status-feed';

const statusWith = (pending: number) => ({ state: 'connected', pending, lastSyncAt: null, writers: [] }) as unknown as SharedStoreStatus;
const nextTurn = () => new Promise((r) => setImmediate(r));

describe('StatusFeed', () => {
  it('tells listeners once per turn of the event loop however many appends asked', async () => {
    const feed = new StatusFeed();
    const seen: number[] = [];
    feed.listen((s) => seen.push(s.pending));
    let pending = 0;
    const compute = vi.fn(() => statusWith(pending));
    for (let i = 0; i < 100; i++) {
      pending++;
      feed.emitSoon(compute);
    }
    expect(seen).toEqual([]);
    await nextTurn();
    expect(seen).toEqual([100]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('an immediate emit supersedes a pending one, and nothing is computed without listeners', async () => {
    const feed = new StatusFeed();
    const compute = vi.fn(() => statusWith(1));
    feed.emitSoon(compute);
    await nextTurn();
    expect(compute).not.toHaveBeenCalled();

    const seen: number[] = [];
    feed.listen((s) => seen.push(s.pending));
    feed.emitSoon(() => statusWith(2));
    feed.emit(() => statusWith(3));
    await nextTurn();
    expect(seen).toEqual([3]);
  });
});

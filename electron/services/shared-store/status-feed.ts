import type { SharedStoreStatus } from '../../../shared/contract/store-api';

type StatusListener = (status: SharedStoreStatus) => void;

/** Tells onStatus listeners about status changes (not about lastSyncAt alone, nor presence times). */
export class StatusFeed {
  private readonly listeners = new Set<StatusListener>();
  private lastKey = '';

  listen(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `status` is only computed when someone listens. */
  emit(status: () => SharedStoreStatus, force = false): void {
    if (this.listeners.size === 0) return;
    const s = status();
    const key = JSON.stringify({ ...s, lastSyncAt: null, writers: s.writers.map((w) => w.writerId) });
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    for (const l of this.listeners) l(s);
  }

  clear(): void {
    this.listeners.clear();
  }
}

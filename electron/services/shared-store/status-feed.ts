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

  private soon: NodeJS.Immediate | undefined;

  /** `status` is only computed when someone listens. */
  emit(status: () => SharedStoreStatus, force = false): void {
    if (this.soon) clearImmediate(this.soon);
    this.soon = undefined;
    if (this.listeners.size === 0) return;
    const s = status();
    const key = JSON.stringify({ ...s, lastSyncAt: null, writers: s.writers.map((w) => w.writerId) });
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    for (const l of this.listeners) l(s);
  }

  /**
   * Like emit, once for everything that happens in this turn of the event loop: a burst of
   * appends (each changes the pending count) computes and compares the status once, not per event.
   */
  emitSoon(status: () => SharedStoreStatus): void {
    if (this.listeners.size === 0 || this.soon) return;
    this.soon = setImmediate(() => this.emit(status));
  }

  clear(): void {
    if (this.soon) clearImmediate(this.soon);
    this.soon = undefined;
    this.listeners.clear();
  }
}

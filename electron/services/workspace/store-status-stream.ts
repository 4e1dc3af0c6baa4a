import { storeStatusOf } from './store-status';
import type { WorkspaceService } from './workspace-service';

export interface StoreStatusStreamOptions {
  /** At most one message per this many ms (a burst of appends changes `pending` on each). Default 500. */
  minIntervalMs?: number;
  /**
   * Also checks this often whether anything shown changed: the store announces state changes but not
   * each completed sync or heartbeat, which the status bar's "synced 14:02:10" and "online" follow.
   * Default 5000.
   */
  refreshMs?: number;
}

/**
 * Pushes `{kind: 'store', status}` to every client (IPC windows and SSE browsers) when the shared
 * folder's status changes, so status bars and the settings view are live. Stops when the workspace
 * closes. Does nothing on a workspace without a shared folder store.
 */
export function streamStoreStatus(ws: WorkspaceService, opts: StoreStatusStreamOptions = {}): void {
  const store = ws.sharedStore();
  if (!store) return;
  const minInterval = opts.minIntervalMs ?? 500;
  let lastSent = -Infinity;
  let lastJson = '';
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    timer = undefined;
    lastSent = performance.now();
    const status = storeStatusOf(ws);
    const json = JSON.stringify(status);
    if (json === lastJson) return;
    lastJson = json;
    ws.emit({ kind: 'store', status });
  };
  const schedule = () => {
    timer ??= setTimeout(send, Math.max(0, lastSent + minInterval - performance.now()));
  };
  const off = store.onStatus(schedule);
  const refresh = setInterval(schedule, opts.refreshMs ?? 5000);
  refresh.unref?.();
  ws.onClose(() => {
    off();
    clearInterval(refresh);
    clearTimeout(timer);
  });
}

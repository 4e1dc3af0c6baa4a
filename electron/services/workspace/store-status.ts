import { ONLINE_WINDOW_MS, type StoreStatus } from '../../../shared/contract/store-api';
import type { WorkspaceService } from './workspace-service';

/**
 * What `store.status` answers: the shared folder store's status (or `disabled` on the local journal
 * only) with this machine's saved setting. `now` is the wall clock, the one presence heartbeats are
 * stamped with (not a test host's shifted clock).
 */
export function storeStatusOf(ws: WorkspaceService, now = Date.now()): StoreStatus {
  const configuredDir = ws.savedSharedDir;
  const s = ws.storeStatus();
  if (!s || s.state === 'disabled') {
    return { state: 'disabled', detail: 'no shared folder configured', storeId: null, pending: 0, heldBack: 0, lastSyncAt: null, historyLocal: true, warnings: s?.warnings ?? [], writers: [], configuredDir, activeDir: null };
  }
  const { sharedDir, writers, ...rest } = s;
  const reading = s.state === 'connected' || s.state === 'read-only';
  return {
    ...rest,
    configuredDir,
    activeDir: sharedDir,
    // Online only as seen through a share this PC reaches now: itself, and others with a recent
    // heartbeat. While the share is away, a heartbeat read earlier says nothing about now.
    writers: writers.map((w) => ({ ...w, online: reading && (w.self || now - Date.parse(w.lastSeen) <= ONLINE_WINDOW_MS) })),
  };
}

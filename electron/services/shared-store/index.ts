import type { Clock } from '../../../shared/time/clock';
import { SharedFolderStore, type SharedFolderStoreOptions } from './shared-folder-store';

export { SharedFolderStore, initialiseSharedFolder } from './shared-folder-store';
export type { ChainHead, SharedFolderStoreOptions, SharedStoreStatus, ShareState, WriterPresence } from './shared-folder-store';

export interface OpenSharedStoreOptions extends Partial<SharedFolderStoreOptions> {
  dataDir: string;
  /** The shared folder; empty or undefined keeps the store local-only (status 'disabled'). */
  sharedDir?: string | null;
  writerId: string;
  writerName?: string;
  pollMs?: number;
  clock?: Clock;
}

/**
 * The store for a workspace that shares a folder with other PCs. Synchronous: nothing touches the
 * disk until `load()` (WorkspaceService.open calls it).
 */
export function openSharedStore(opts: OpenSharedStoreOptions): SharedFolderStore {
  return new SharedFolderStore(opts);
}

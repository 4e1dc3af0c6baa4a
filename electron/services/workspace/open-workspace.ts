import { startAlertIntake } from '../alerts/alert-runtime';
import { buildDemoWorkspace } from '../demo/demo-workspace';
import { resolveResourcesDir } from '../demo/resources-dir';
import type { Clock } from '../../../shared/time/clock';
import { ControllableClock } from '../scheduler/controllable-clock';
import { startSla } from '../scheduler/sla-runtime';
import { openSharedStore } from '../shared-store';
import { streamStoreStatus } from './store-status-stream';
import { WorkspaceService } from './workspace-service';

export interface OpenWorkspaceOptions {
  dataDir: string;
  version: string;
  /** Seed the demo workspace when the data directory is empty. */
  demo: boolean;
  /**
   * Directory holding `demo/…`: `process.resourcesPath` in a packaged Electron app; defaults to
   * the repository's `resources/` (development, tests, browser host).
   */
  resourcesDir?: string;
  /** Shared folder (SMB/NFS/synced) to merge with other PCs; unset = this PC's journal only. */
  sharedDir?: string;
  /** Shown to other PCs (presence); defaults to the host name. */
  writerName?: string;
  /** How often the shared folder is listed (default: the store's, 1000 ms). */
  sharePollMs?: number;
  /** The workspace's time source (default: the system clock); a ControllableClock enables `testing.advanceClock`. */
  clock?: Clock;
  /** Run the SLA scheduler (records breaches, warnings, escalations). Default true. */
  slaScheduler?: boolean;
}

/** Opens the workspace the way both the Electron app and the browser host do. */
export async function openWorkspace(opts: OpenWorkspaceOptions): Promise<WorkspaceService> {
  const resourcesDir = opts.demo ? resolveResourcesDir(opts.resourcesDir) : undefined;
  const service = await WorkspaceService.open({
    dataDir: opts.dataDir,
    version: opts.version,
    clock: opts.clock,
    seed: resourcesDir ? (now) => buildDemoWorkspace(now, resourcesDir) : undefined,
    store: opts.sharedDir
      ? (writerId) => openSharedStore({ dataDir: opts.dataDir, sharedDir: opts.sharedDir, writerId, writerName: opts.writerName, appVersion: opts.version, pollMs: opts.sharePollMs })
      : undefined,
  });
  streamStoreStatus(service);
  await startSla(service, { scheduler: opts.slaScheduler ?? true, testClock: opts.clock instanceof ControllableClock ? opts.clock : undefined });
  // Alert intake: the receiver listens only when enabled in its settings (off by default).
  await startAlertIntake(service);
  return service;
}

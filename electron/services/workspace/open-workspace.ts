import { WorkspaceService } from './workspace-service';

export interface OpenWorkspaceOptions {
  dataDir: string;
  version: string;
  /** Seed the demo workspace when the data directory is empty. */
  demo: boolean;
}

/** Opens the workspace the way both the Electron app and the browser host do. */
export async function openWorkspace(opts: OpenWorkspaceOptions): Promise<WorkspaceService> {
  return WorkspaceService.open({ dataDir: opts.dataDir, version: opts.version });
}

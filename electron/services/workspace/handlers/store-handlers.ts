import { isAbsolute, normalize } from 'node:path';
import { ApiError } from '../../../../shared/contract/api';
import type { SetSharedDirResult, storeApi } from '../../../../shared/contract/store-api';
import { storeStatusOf } from '../store-status';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

/**
 * The saved folder is used from the next start, never switched to while running: the events read
 * from one store would stay in this instance's state while it published into another.
 */
function answer(configuredDir: string | null, activeDir: string | null): SetSharedDirResult {
  const restartRequired = configuredDir !== activeDir;
  const override = ' (unless --shared-dir or WATCHFLOOR_SHARED_DIR says otherwise)';
  let message: string;
  if (!restartRequired) message = configuredDir ? `Saved: ${configuredDir} is the shared folder in use.` : 'Saved: no shared folder; this machine keeps its incidents to itself.';
  else if (configuredDir) message = `Saved: Watchfloor uses ${configuredDir} from its next start${override}.${activeDir ? ` Until then it keeps using ${activeDir}.` : ''}`;
  else message = `Saved: no shared folder from the next start${override}. Until then this instance keeps using ${activeDir}.`;
  return { configuredDir, activeDir, restartRequired, message };
}

export function storeHandlers(ws: WorkspaceService): HandlerMap<keyof typeof storeApi> {
  return {
    'store.status': () => storeStatusOf(ws),
    'store.setSharedDir': async ({ sharedDir }) => {
      // The contract accepts absolute paths of either platform; the folder must be one on this machine.
      if (sharedDir !== null && !isAbsolute(sharedDir)) {
        throw new ApiError({ code: 'invalid_input', field: 'sharedDir', message: `sharedDir: ${sharedDir} is not an absolute path on this machine` });
      }
      const dir = sharedDir === null ? null : normalize(sharedDir);
      await ws.saveSharedDir(dir);
      const status = storeStatusOf(ws);
      ws.emit({ kind: 'store', status });
      return answer(dir, status.activeDir);
    },
    'store.syncNow': async () => {
      await ws.sharedStore()?.syncNow();
      return storeStatusOf(ws);
    },
  };
}

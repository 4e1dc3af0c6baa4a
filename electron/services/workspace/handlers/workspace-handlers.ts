import type { workspaceApi } from '../../../../shared/contract/workspace-api';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

export function workspaceHandlers(ws: WorkspaceService): HandlerMap<keyof typeof workspaceApi> {
  return {
    'workspace.info': (_input, ctx) => ws.info(ctx),
    'settings.update': (patch) => ws.updateSettings(patch),
  };
}

import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';
import { incidentHandlers } from './incident-handlers';
import { trendsHandlers } from './trends-handlers';
import { workspaceHandlers } from './workspace-handlers';

/** Every method of the contract, by feature; the type fails to check if one is missing. */
export function allHandlers(ws: WorkspaceService): HandlerMap {
  return { ...workspaceHandlers(ws), ...incidentHandlers(ws), ...trendsHandlers(ws) };
}

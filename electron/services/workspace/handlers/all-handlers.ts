import type { WorkspaceService } from '../workspace-service';
import { alertHandlers } from './alert-handlers';
import type { HandlerMap } from './handler';
import { importHandlers } from './import-handlers';
import { incidentHandlers } from './incident-handlers';
import { orgDocumentHandlers } from './org-document-handlers';
import { policyHandlers } from './policy-handlers';
import { slaHandlers } from './sla-handlers';
import { storeHandlers } from './store-handlers';
import { trendsHandlers } from './trends-handlers';
import { workspaceHandlers } from './workspace-handlers';

/** Every method of the contract, by feature; the type fails to check if one is missing. */
export function allHandlers(ws: WorkspaceService): HandlerMap {
  return { ...workspaceHandlers(ws), ...incidentHandlers(ws), ...trendsHandlers(ws), ...importHandlers(ws), ...slaHandlers(ws), ...alertHandlers(ws), ...policyHandlers(ws), ...orgDocumentHandlers(ws), ...storeHandlers(ws) };
}

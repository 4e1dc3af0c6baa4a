import type { incidentsApi } from '../../../../shared/contract/incidents-api';
import { decide, decideCreate } from '../../../../shared/domain/commands';
import { isActive } from '../../../../shared/domain/lifecycle';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

export function incidentHandlers(ws: WorkspaceService): HandlerMap<keyof typeof incidentsApi> {
  return {
    'incidents.list': ({ scope }) => ({ incidents: scope === 'all' ? ws.allIncidents() : ws.incidentsWhere((i) => (scope === 'active' ? isActive(i.status) : i.status === 'resolved')) }),
    'incidents.get': ({ id }) => ws.require(id),
    'incidents.create': async (input, { actor }) => {
      const now = ws.now();
      const id = ws.mintId(now);
      await ws.recordDecided(decideCreate(id, input, ws.decisionContext(now)), actor, now);
      return ws.require(id);
    },
    'incidents.command': async ({ id, command }, { actor }) => {
      const now = ws.now();
      await ws.recordDecided(decide(ws.require(id), command, ws.decisionContext(now)), actor, now);
      return ws.require(id);
    },
  };
}

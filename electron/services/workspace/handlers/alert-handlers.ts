import { needsTriage, sortedGroups } from '../../../../shared/alerts/inbox';
import type { alertsApi } from '../../../../shared/contract/alerts-api';
import { alertRuntimeOf } from '../../alerts/alert-runtime';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

/** Alert inbox, triage into incidents, intake log, intake settings and the receiver's status. */
export function alertHandlers(ws: WorkspaceService): HandlerMap<keyof typeof alertsApi> {
  const runtime = () => alertRuntimeOf(ws);
  return {
    'alerts.inbox': async ({ view, source, limit }) => {
      const { settings } = await runtime();
      const all = sortedGroups(ws.inbox());
      const counts = { all: all.length, triage: 0, firing: 0, attached: 0, dismissed: 0 };
      for (const g of all) {
        if (needsTriage(g)) counts.triage++;
        if (g.firing) counts.firing++;
        if (g.incidentId) counts.attached++;
        if (g.dismissed) counts.dismissed++;
      }
      const chosen = all.filter((g) => (!source || g.source === source) && (view === 'all' || (view === 'triage' ? needsTriage(g) : g.firing)));
      return { groups: chosen.slice(0, limit), counts, truncated: chosen.length > limit, dedupWindowMinutes: settings.rules.dedupWindowMinutes };
    },
    'alerts.draft': async ({ groupId }) => (await runtime()).intake.draft(groupId),
    'alerts.createIncident': async ({ groupId, incident }, { actor }) => (await runtime()).intake.createIncident(groupId, incident, actor),
    'alerts.attach': async ({ groupId, incidentId, reason }, { actor }) => (await runtime()).intake.attach(groupId, incidentId, reason, actor),
    'alerts.detach': async ({ groupId, reason }, { actor }) => (await runtime()).intake.detach(groupId, reason, actor),
    'alerts.dismiss': async ({ groupId, reason }, { actor }) => (await runtime()).intake.dismiss(groupId, reason, actor),
    'alerts.restore': async ({ groupId, reason }, { actor }) => (await runtime()).intake.restore(groupId, reason, actor),
    'alerts.forIncident': async ({ id }) => (await runtime()).intake.forIncident(id),
    'alerts.log': async ({ limit, source }) => {
      const { log } = await runtime();
      return { entries: log.list(limit, source), file: log.file };
    },
    'alerts.settings': async () => (await runtime()).settings.view(),
    'alerts.updateSettings': async (input) => {
      const rt = await runtime();
      const { generatedSecrets } = await rt.settings.update(input);
      await rt.apply();
      return { settings: rt.settings.view(), generatedSecrets };
    },
    'alerts.rotateSecret': async ({ source }) => {
      const rt = await runtime();
      return { source, secret: await rt.settings.rotateSecret(source) };
    },
    'alerts.receiverStatus': async () => (await runtime()).status(),
  };
}

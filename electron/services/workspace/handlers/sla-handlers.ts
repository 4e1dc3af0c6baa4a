import { ApiError } from '../../../../shared/contract/api';
import type { EscalationSummary, IncidentSla, slaApi } from '../../../../shared/contract/sla-api';
import { DomainError } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { isActive } from '../../../../shared/domain/lifecycle';
import { describeClock } from '../../../../shared/sla/describe';
import { lowerEscalation, manualEscalation, type EscalationState } from '../../../../shared/sla/escalation';
import { computeSnapshot } from '../../../../shared/sla/snapshot';
import { slaRuntimeOf } from '../../scheduler/sla-runtime';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

function escalationSummary(e: EscalationState | undefined, levels: number): EscalationSummary | null {
  if (!e) return null;
  return {
    policyId: e.policyId,
    policyVersion: e.policyVersion,
    level: e.level,
    name: e.current?.name ?? '',
    levels,
    active: e.active,
    paused: e.paused,
    nextLevel: e.next?.level ?? null,
    nextDueAt: e.nextDueAt,
  };
}

function slaOf(incident: IncidentState, now: number, policies: Parameters<typeof computeSnapshot>[2]): IncidentSla {
  const s = computeSnapshot(incident, now, policies);
  return {
    id: incident.id,
    priority: incident.priority,
    clocks: s.clocks,
    nearest: s.nearest ?? null,
    nearestText: s.nearest ? describeClock(s.nearest, now) : null,
    risk: s.risk ?? null,
    escalation: escalationSummary(s.escalation, s.escalationPolicy?.levels.length ?? 1),
    nextChangeAt: Number.isFinite(s.validUntil) ? s.validUntil : null,
  };
}

/** SLA clocks, manual escalation, the notification centre, and the test clock. */
export function slaHandlers(ws: WorkspaceService): HandlerMap<keyof typeof slaApi> {
  const escalationOf = async (id: string, now: number) => {
    const { policies } = await slaRuntimeOf(ws);
    const incident = ws.require(id);
    const snapshot = computeSnapshot(incident, now, policies);
    const policy = snapshot.escalationPolicy;
    if (!policy) throw new DomainError('escalation.noPolicy', `No escalation policy applies to ${id}`, 'id');
    return { incident, policy, current: snapshot.escalation?.level ?? 0 };
  };
  return {
    'sla.clocks': async ({ id }) => {
      const { policies } = await slaRuntimeOf(ws);
      const now = ws.now();
      const incidents = id ? [ws.require(id)] : ws.incidentsWhere((i) => isActive(i.status));
      return { now, incidents: incidents.map((i) => slaOf(i, now, policies)) };
    },
    'incidents.escalate': async ({ id, level, reason }, { actor }) => {
      const now = ws.now();
      const { incident, policy, current } = await escalationOf(id, now);
      const event = manualEscalation(incident, policy, now, level ?? Math.min(current + 1, policy.levels.length), reason);
      await ws.recordDecided([event], actor, now);
      return ws.require(id);
    },
    'incidents.deescalate': async ({ id, to, reason }, { actor }) => {
      const now = ws.now();
      const { incident, policy, current } = await escalationOf(id, now);
      const event = lowerEscalation(incident, policy, now, to ?? Math.max(0, current - 1), reason);
      await ws.recordDecided([event], actor, now);
      return ws.require(id);
    },
    'notifications.list': async (input, { actor }) => (await slaRuntimeOf(ws)).centre.list(actor, input),
    'notifications.acknowledge': async (input, { actor }) => (await slaRuntimeOf(ws)).centre.acknowledge(actor, input),
    'notifications.preferences': async () => (await slaRuntimeOf(ws)).store.preferences,
    'notifications.setPreferences': async (prefs) => (await slaRuntimeOf(ws)).store.setPreferences(prefs),
    'testing.advanceClock': async ({ ms }) => {
      const runtime = await slaRuntimeOf(ws);
      if (!runtime.testClock) throw new ApiError({ code: 'forbidden', message: 'The clock can only be moved on a test host (--test-clock)' });
      const before = runtime.scheduler?.stats.recorded ?? 0;
      runtime.testClock.advance(ms);
      await runtime.scheduler?.wake();
      const now = ws.now();
      ws.emit({ kind: 'clock', now });
      return { now, recorded: (runtime.scheduler?.stats.recorded ?? 0) - before };
    },
  };
}

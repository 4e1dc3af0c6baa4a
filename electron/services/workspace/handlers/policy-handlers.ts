import type { policiesApi } from '../../../../shared/contract/policies-api';
import { ORG_STREAM } from '../../../../shared/org/events';
import { nextVersion } from '../../../../shared/org/policies';
import { EscalationPolicySchema } from '../../../../shared/sla/escalation-policy';
import { SlaPolicySchema } from '../../../../shared/sla/policy';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

/**
 * The organisation's SLA and escalation policies. A publish is an event on the org stream (who
 * and when are its envelope's actor and time), so every PC sharing the folder folds the same
 * history; the contract has validated the draft, so a bad one is refused before anything is written.
 */
export function policyHandlers(ws: WorkspaceService): HandlerMap<keyof typeof policiesApi> {
  return {
    'policies.get': () => ws.org.state,
    'policies.publishSla': async ({ policy }, { actor }) => {
      const now = ws.now();
      const current = ws.org.state.sla;
      const published = SlaPolicySchema.parse({ ...policy, id: current.id, ...nextVersion(current, now) });
      await ws.recordDecided([{ stream: ORG_STREAM, type: 'org.slaPolicy.published', data: { policy: published } }], actor, now);
      return ws.org.state;
    },
    'policies.publishEscalation': async ({ policy }, { actor }) => {
      const now = ws.now();
      const current = ws.org.state.escalation.find((h) => h.id === policy.id);
      const published = EscalationPolicySchema.parse({ ...policy, ...nextVersion(current, now) });
      await ws.recordDecided([{ stream: ORG_STREAM, type: 'org.escalationPolicy.published', data: { policy: published } }], actor, now);
      return ws.org.state;
    },
  };
}

import { z } from 'zod';
import { OrgPolicyStateSchema } from '../org/policies';
import { EscalationPolicyDraftSchema } from '../sla/escalation-policy';
import { SlaPolicyDraftSchema } from '../sla/policy';

export const policiesApi = {
  /** The organisation's SLA and escalation policies: the version in force for new incidents and every version (who published it, from when). */
  'policies.get': { input: z.object({}).strict(), output: OrgPolicyStateSchema, mutates: false },
  /**
   * Publishes a new version of the SLA policy (version = latest + 1, effective from the host's
   * now): it applies to incidents created from then on; open incidents keep their targets.
   */
  'policies.publishSla': { input: z.object({ policy: SlaPolicyDraftSchema }).strict(), output: OrgPolicyStateSchema, mutates: true },
  /** Publishes a new version of one escalation policy (a new id starts a new policy at version 1), the same way. */
  'policies.publishEscalation': { input: z.object({ policy: EscalationPolicyDraftSchema }).strict(), output: OrgPolicyStateSchema, mutates: true },
} as const;

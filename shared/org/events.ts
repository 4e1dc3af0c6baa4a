/**
 * Organisation events: policies published as events in the store, so every PC sharing a folder
 * gets them and their history. Shaped like `EventPayloads` in shared/domain/events.ts so they join
 * the event union; they live on their own stream (`ORG_STREAM`), apart from the incident streams.
 */
import { z } from 'zod';
import { EscalationPolicySchema } from '../sla/escalation-policy';
import { SlaPolicySchema } from '../sla/policy';

/** The one stream for organisation data (never an incident id: those start with "INC-"). */
export const ORG_STREAM = 'org';

export const OrgEventPayloads = {
  /**
   * A new version of the SLA policy. `version` and `effectiveFrom` are the publisher's proposal
   * (its latest + 1, its now); the fold (policies.ts) settles them when two PCs publish at once.
   */
  'org.slaPolicy.published': z.object({ policy: SlaPolicySchema }),
  /** A new version of one escalation policy (a new id is a new policy, version 1). */
  'org.escalationPolicy.published': z.object({ policy: EscalationPolicySchema }),
} as const;

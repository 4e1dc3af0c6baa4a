/**
 * Organisation events: policies and other organisation data published as events in the store, so
 * every PC sharing a folder gets them and their history. Shaped like `EventPayloads` in
 * shared/domain/events.ts so they join the event union; they live on their own stream
 * (`ORG_STREAM`), apart from the incident streams.
 */
import { z } from 'zod';
import { UpdateTemplatesSchema } from '../comms/templates';
import { LifecycleRulesSchema } from '../domain/lifecycle';
import { PriorityMatrixSchema } from '../domain/priority';
import { EscalationPolicySchema } from '../sla/escalation-policy';
import { SlaPolicySchema } from '../sla/policy';
import { DirectorySchema } from './directory';

/** The one stream for organisation data (never an incident id: those start with "INC-"). */
export const ORG_STREAM = 'org';

/** A whole document, as its publisher proposes it: `version` is its latest + 1 (the fold settles it, documents.ts). */
const published = <D extends z.ZodType>(document: D) => z.object({ version: z.number().int().positive(), document });

export const OrgEventPayloads = {
  /**
   * A new version of the SLA policy. `version` and `effectiveFrom` are the publisher's proposal
   * (its latest + 1, its now); the fold (policies.ts) settles them when two PCs publish at once.
   */
  'org.slaPolicy.published': z.object({ policy: SlaPolicySchema }),
  /** A new version of one escalation policy (a new id is a new policy, version 1). */
  'org.escalationPolicy.published': z.object({ policy: EscalationPolicySchema }),
  /**
   * A new version of the whole directory (people, teams, external organisations). Whole
   * documents rather than one event per person: the screen edits and publishes the directory as
   * a reviewed set with a version history, like policies; two PCs publishing at once lose
   * nothing, because the fold merges the later publish entry by entry (merge.ts).
   */
  'org.directory.published': published(DirectorySchema),
  /** A new version of the stakeholder-update templates (one per audience), merged the same way per audience. */
  'org.templates.published': published(UpdateTemplatesSchema),
  /** A new version of the priority matrix, merged cell by cell. */
  'org.priorityMatrix.published': published(PriorityMatrixSchema),
  /** A new version of the incident lifecycle rules, merged transition by transition. */
  'org.lifecycle.published': published(LifecycleRulesSchema),
} as const;

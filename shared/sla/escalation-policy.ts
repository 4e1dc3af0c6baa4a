/**
 * Escalation policies as data: ordered levels, each naming who is brought in and after how long
 * without acknowledgement or progress escalation moves on to it. Chosen per incident by matching
 * rules (category, service, priority) with a catch-all default, and pinned by creation time.
 */
import { z } from 'zod';
import type { IncidentState } from '../domain/incident';
import { StatusSchema } from '../domain/lifecycle';
import { PrioritySchema } from '../domain/priority';
import { IsoTimeSchema } from '../domain/vocabulary';
import { CalendarSchema } from './calendar';
import { pinVersion } from './policy';

export const RecipientSchema = z.object({
  kind: z.enum(['person', 'team', 'role']),
  /** A person's name, a team, or a role such as "duty manager". */
  name: z.string().trim().min(1).max(120),
});
export type Recipient = z.infer<typeof RecipientSchema>;

/** Functional: hand the work to another team; hierarchical: inform management. */
export const EscalationKindSchema = z.enum(['functional', 'hierarchical']);
export type EscalationKind = z.infer<typeof EscalationKindSchema>;

export const EscalationLevelSchema = z.object({
  name: z.string().max(120).default(''),
  kind: EscalationKindSchema,
  notify: z.array(RecipientSchema).min(1).max(20),
  /**
   * Minutes without acknowledgement or progress, counted from the previous level being raised
   * (level 1: from the incident's creation) or from the latest progress, before this level is raised.
   */
  afterMinutes: z.number().min(0).max(100_000),
});
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;

/** What counts as progress (restarts the wait for the next level). */
export const ProgressSchema = z.enum(['status', 'status_update', 'entry', 'task']);
export type Progress = z.infer<typeof ProgressSchema>;

export const EscalationMatchSchema = z.object({
  /** Incident categories (any of); empty = any. */
  categories: z.array(z.string().min(1)).default([]),
  /** Affected services (the incident names any of them); empty = any. */
  services: z.array(z.string().min(1)).default([]),
  priorities: z.array(PrioritySchema).default([]),
});

export const EscalationPolicySchema = z.object({
  id: z.string().min(1).max(60),
  version: z.number().int().positive(),
  name: z.string().max(200).default(''),
  effectiveFrom: IsoTimeSchema,
  /** Every given criterion must match; a policy without criteria is a default (catch-all). */
  match: EscalationMatchSchema.prefault({}),
  /** Escalate until the incident is acknowledged (paging) or until it is resolved (progress watch). */
  until: z.enum(['acknowledged', 'resolved']).default('resolved'),
  progress: z.array(ProgressSchema).default(['status', 'status_update']),
  /** Statuses in which the wait stands still. */
  pauseIn: z.array(StatusSchema).default(['on_hold']),
  calendar: CalendarSchema.default({ kind: '24x7' }),
  levels: z.array(EscalationLevelSchema).min(1).max(20),
  /** How many times the whole sequence starts again at level 1 after the last level. */
  repeat: z.number().int().min(0).max(10).default(0),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicySchema>;
export type EscalationPolicyInput = z.input<typeof EscalationPolicySchema>;
/** What a person publishes: version and effective time are assigned by the organisation's history. */
export const EscalationPolicyDraftSchema = EscalationPolicySchema.omit({ version: true, effectiveFrom: true });

/** How specific a policy is: a service match beats a category match beats a priority-only match. */
function specificity(p: EscalationPolicy): number {
  return (p.match.services.length ? 4 : 0) + (p.match.categories.length ? 2 : 0) + (p.match.priorities.length ? 1 : 0);
}

export function matches(p: EscalationPolicy, incident: Pick<IncidentState, 'category' | 'services' | 'priority'>): boolean {
  const m = p.match;
  if (m.categories.length && !m.categories.some((c) => c.toLowerCase() === incident.category.toLowerCase())) return false;
  if (m.services.length && !m.services.some((s) => incident.services.some((x) => x.toLowerCase() === s.toLowerCase()))) return false;
  if (m.priorities.length && !m.priorities.includes(incident.priority)) return false;
  return true;
}

/**
 * The escalation policy for an incident: for each policy id, the version in force at the
 * incident's creation (ids that did not exist yet do not apply: a new policy governs new incidents);
 * of those that match the incident's current category, services and priority, the most specific
 * (ties: the earlier in `policies`). Undefined when none applies.
 */
export function escalationPolicyFor(incident: IncidentState, policies: readonly EscalationPolicy[]): EscalationPolicy | undefined {
  const at = Date.parse(incident.createdAt);
  const ids = [...new Set(policies.map((p) => p.id))];
  let best: EscalationPolicy | undefined;
  for (const id of ids) {
    const pinned = pinVersion(at, policies.filter((p) => p.id === id), false);
    if (!pinned || !matches(pinned, incident)) continue;
    if (!best || specificity(pinned) > specificity(best)) best = pinned;
  }
  return best;
}

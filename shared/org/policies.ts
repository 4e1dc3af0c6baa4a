/**
 * The organisation's policies as a pure fold over its published-policy events: the shipped
 * defaults (DEFAULT_ORG_POLICIES) plus every version published since, with who published it.
 *
 * Versions: a publisher proposes `version = latest + 1` and `effectiveFrom = its now`, and the fold
 * keeps that when it holds. Two PCs that publish the same policy before seeing each other's
 * version both propose the same number; after their stores merge every PC folds both events in
 * the same order (HLC, writer id, sequence — compareEvents), so the outcome is deterministic: the
 * later of the two is renumbered `latest + 1` and flagged `concurrent`, and its `effectiveFrom`
 * is raised to the earlier one's if the clocks disagreed. The last version in fold order is thus
 * always the one new incidents get, and no published edit is lost: both stay in the history,
 * and incidents created in between keep the first. (An `sla.breached` recorded under the
 * proposed number before the merge keeps that number: it names the targets it was measured by.)
 */
import { z } from 'zod';
import type { EventEnvelope } from '../domain/events';
import { IsoTimeSchema } from '../domain/vocabulary';
import { EscalationPolicySchema, type EscalationPolicy } from '../sla/escalation-policy';
import { SlaPolicySchema, type SlaPolicy } from '../sla/policy';
import { DEFAULT_ORG_POLICIES, type OrgPolicies } from '../sla/snapshot';
import { OrgEventPayloads } from './events';
import { orgEventsInOrder, settleVersion } from './history';

/** One version of a policy and how it came to be (`publishedBy` null: shipped with the app). */
function versionSchema<P extends z.ZodType>(policy: P) {
  return z.object({
    policy,
    publishedBy: z.string().nullable(),
    publishedAt: IsoTimeSchema.nullable(),
    /** Published without having seen the version before it (another PC at the same time): renumbered. */
    concurrent: z.boolean(),
  });
}

/** One policy: the version new incidents get (`current`) and every version, oldest first. */
function historySchema<P extends z.ZodType>(policy: P) {
  return z.object({ id: z.string(), current: policy, versions: z.array(versionSchema(policy)) });
}

const SlaPolicyHistorySchema = historySchema(SlaPolicySchema);
const EscalationPolicyHistorySchema = historySchema(EscalationPolicySchema);
export type SlaPolicyHistory = z.infer<typeof SlaPolicyHistorySchema>;
export type EscalationPolicyHistory = z.infer<typeof EscalationPolicyHistorySchema>;

/** The folded organisation policies: the SLA policy and each escalation policy with their histories. */
export const OrgPolicyStateSchema = z.object({
  sla: SlaPolicyHistorySchema,
  escalation: z.array(EscalationPolicyHistorySchema),
});
export type OrgPolicyState = z.infer<typeof OrgPolicyStateSchema>;

type Versioned = { version: number; effectiveFrom: string };
/** SlaPolicyHistory / EscalationPolicyHistory, generic over the policy so one fold step serves both. */
type History<P extends Versioned> = { id: string; current: P; versions: Array<{ policy: P; publishedBy: string | null; publishedAt: string | null; concurrent: boolean }> };

function shipped<P extends Versioned & { id: string }>(policy: P): History<P> {
  return { id: policy.id, current: policy, versions: [{ policy, publishedBy: null, publishedAt: null, concurrent: false }] };
}

/** The defaults before anything was published. */
export function initialOrgPolicies(defaults: OrgPolicies = DEFAULT_ORG_POLICIES): OrgPolicyState {
  const sla = defaults.sla[defaults.sla.length - 1];
  if (!sla) throw new Error('The shipped defaults need an SLA policy');
  return { sla: shipped(sla), escalation: defaults.escalation.map(shipped) };
}

/** Adds a published version after the history's latest, settling its number and start (see above). */
function append<P extends Versioned & { id: string }>(history: History<P> | undefined, proposed: P, event: EventEnvelope): History<P> {
  const latest = history?.current;
  const { version, concurrent } = settleVersion(latest?.version, proposed.version);
  const effectiveFrom = latest && Date.parse(proposed.effectiveFrom) < Date.parse(latest.effectiveFrom) ? latest.effectiveFrom : proposed.effectiveFrom;
  const policy: P = { ...proposed, version, effectiveFrom };
  const entry = { policy, publishedBy: event.actor, publishedAt: event.recordedAt, concurrent };
  return { id: proposed.id, current: policy, versions: [...(history?.versions ?? []), entry] };
}

/**
 * Folds organisation events (any order; other streams and invalid payloads are ignored, an event
 * id counts once) onto the defaults.
 */
export function foldOrgPolicies(events: readonly EventEnvelope[], defaults: OrgPolicies = DEFAULT_ORG_POLICIES): OrgPolicyState {
  let state = initialOrgPolicies(defaults);
  for (const event of orgEventsInOrder(events)) {
    if (event.type === 'org.slaPolicy.published') {
      const parsed = OrgEventPayloads[event.type].safeParse(event.data);
      // The SLA policy is one policy (policyFor pins among all versions): a published one continues its history whatever id it names.
      if (parsed.success) state = { ...state, sla: append<SlaPolicy>(state.sla, { ...parsed.data.policy, id: state.sla.id }, event) };
    } else if (event.type === 'org.escalationPolicy.published') {
      const parsed = OrgEventPayloads[event.type].safeParse(event.data);
      if (!parsed.success) continue;
      const policy = parsed.data.policy;
      const at = state.escalation.findIndex((h) => h.id === policy.id);
      const next = append<EscalationPolicy>(state.escalation[at], policy, event);
      state = { ...state, escalation: at < 0 ? [...state.escalation, next] : state.escalation.map((h, i) => (i === at ? next : h)) };
    }
  }
  return state;
}

/** Every version of every policy, as the SLA engine takes them (policyFor / escalationPolicyFor pin by creation time). */
export function orgPoliciesOf(state: OrgPolicyState): OrgPolicies {
  return {
    sla: state.sla.versions.map((v) => v.policy),
    escalation: state.escalation.flatMap((h) => h.versions.map((v) => v.policy)),
  };
}

/** What a publisher proposes for its next version: one after the latest it knows, effective now. */
export function nextVersion(history: { current: Versioned } | undefined, now: number): Versioned {
  return { version: (history?.current.version ?? 0) + 1, effectiveFrom: new Date(now).toISOString() };
}

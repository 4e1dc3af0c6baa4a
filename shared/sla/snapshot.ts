/**
 * One incident's SLA picture at a moment: every clock, the nearest one, the risk and the
 * escalation state, with the instant until which it stays true (`validUntil`, from nextWakeAt).
 * Cached per incident snapshot (incident states are immutable), so a view that ticks every second
 * recomputes an incident only when something really changes; in between it only re-describes the
 * nearest clock against the new `now` (describeClock is arithmetic on dueAt/breachedAt).
 */
import type { IncidentState } from '../domain/incident';
import { computeClocks, nearestClock, slaRisk, type SlaClock } from './clocks';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from './defaults';
import { describeClock } from './describe';
import { nextWakeAt } from './due';
import { escalationState, type EscalationState } from './escalation';
import { escalationPolicyFor, type EscalationPolicy } from './escalation-policy';
import { policyFor, type SlaPolicy } from './policy';

/** The organisation's policies: every version of the SLA policy and every escalation policy. */
export interface OrgPolicies {
  sla: readonly SlaPolicy[];
  escalation: readonly EscalationPolicy[];
}

/** Until policies are editable: the shipped defaults. */
export const DEFAULT_ORG_POLICIES: OrgPolicies = { sla: [DEFAULT_SLA_POLICY], escalation: DEFAULT_ESCALATION_POLICIES };

export interface SlaSnapshot {
  /** When it was computed. */
  at: number;
  /** It holds for every now in [at, validUntil): nothing changes state before then without a new event. */
  validUntil: number;
  policy: SlaPolicy | undefined;
  escalationPolicy: EscalationPolicy | undefined;
  clocks: SlaClock[];
  nearest: SlaClock | undefined;
  /** Largest share of a target used among live clocks (≥ 1 = breached); undefined when none runs. */
  risk: number | undefined;
  escalation: EscalationState | undefined;
}

/** The clock to show for the stakeholder update: first update until it is met, then the cadence. */
export function updateClock(clocks: readonly SlaClock[]): SlaClock | undefined {
  const first = clocks.find((c) => c.target === 'firstUpdate');
  const cadence = clocks.find((c) => c.target === 'update');
  if (first && first.state !== 'not_applicable' && first.metAt === null) return first;
  return cadence && cadence.state !== 'not_applicable' ? cadence : undefined;
}

/** Whether the clock needs attention: 'breached' (live and past its target), 'warning', else 'ok'. */
export function clockTone(clock: SlaClock | undefined): 'breached' | 'warning' | 'ok' {
  if (!clock) return 'ok';
  if (clock.state === 'breached' && clock.metAt === null) return 'breached';
  if (clock.state === 'warning') return 'warning';
  return 'ok';
}

/** The nearest clock's sentence at `now` ("update due in 4 min"), or undefined when no clock runs. */
export function describeNearest(s: SlaSnapshot, now: number): string | undefined {
  return s.nearest ? describeClock(s.nearest, now) : undefined;
}

/**
 * The risk at `now` within the snapshot's validity: a counting clock gains (now − at) of working
 * time (no calendar boundary lies inside [at, validUntil)); a breached one keeps growing past 1.
 * What the console sorts by; equals `risk` at `at`.
 */
export function riskAt(s: SlaSnapshot, now: number): number | undefined {
  if (s.risk === undefined) return undefined;
  const dt = Math.max(0, Math.min(now, s.validUntil) - s.at);
  let risk: number | undefined;
  for (const c of s.clocks) {
    if (c.state === 'not_applicable' || c.metAt !== null || c.targetMs <= 0) continue;
    let r: number;
    if (c.state === 'breached') r = 1 + Math.max(0, now - (c.breachedAt ?? now)) / c.targetMs; // wall time past the breach
    else if (c.state === 'paused') r = c.elapsedMs / c.targetMs;
    else r = (c.elapsedMs + dt) / c.targetMs;
    risk = Math.max(risk ?? 0, r);
  }
  return risk;
}

export function computeSnapshot(incident: IncidentState, now: number, policies: OrgPolicies = DEFAULT_ORG_POLICIES): SlaSnapshot {
  const policy = policyFor(incident, policies.sla);
  const escalationPolicy = escalationPolicyFor(incident, policies.escalation);
  const clocks = policy ? computeClocks(incident, policy, now) : [];
  let next = nextWakeAt(incident, policy, escalationPolicy, now) ?? Infinity;
  // A viewer whose clock lags the host's can see events recorded "after" its now: they take
  // effect at their time, so the snapshot holds only until then.
  const latest = Date.parse(incident.updatedAt);
  if (now < latest) next = Math.min(next, latest);
  return {
    at: now,
    validUntil: Math.max(next, now + 1),
    policy,
    escalationPolicy,
    clocks,
    nearest: nearestClock(clocks),
    risk: slaRisk(clocks),
    escalation: escalationPolicy ? escalationState(incident, escalationPolicy, now) : undefined,
  };
}

const cache = new WeakMap<IncidentState, WeakMap<OrgPolicies, SlaSnapshot>>();

/**
 * The snapshot of `incident` at `now`, reusing the cached one while `now` stays within
 * [at, validUntil). A snapshot is computed again after validUntil, or when `now` moves backwards.
 */
export function slaSnapshot(incident: IncidentState, now: number, policies: OrgPolicies = DEFAULT_ORG_POLICIES): SlaSnapshot {
  let byPolicy = cache.get(incident);
  if (!byPolicy) cache.set(incident, (byPolicy = new WeakMap()));
  const hit = byPolicy.get(policies);
  if (hit && now >= hit.at && now < hit.validUntil) return hit;
  const fresh = computeSnapshot(incident, now, policies);
  byPolicy.set(policies, fresh);
  return fresh;
}

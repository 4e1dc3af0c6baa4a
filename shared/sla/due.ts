/**
 * Which SLA events should be on an incident's timeline by `now` but are not yet: breaches of every
 * cycle (history included, so a host that was asleep catches up) and the current warning level of
 * clocks still running. Ids are deterministic (see events.ts), so recording them is idempotent
 * across hosts. A scheduler records these and wakes again at `nextWakeAt`.
 */
import type { IncidentState } from '../domain/incident';
import { workCalendar } from './calendar';
import { allCycles, computeClocks, isLive, nextChangeAt, thresholdMs, type SlaClock } from './clocks';
import { escalationState } from './escalation';
import type { EscalationPolicy } from './escalation-policy';
import { breachId, recordedEvents, recordedKeys, warningId, type DueEvent } from './events';
import { calendarOf, type SlaPolicy } from './policy';

const iso = (t: number): string => new Date(t).toISOString();

export interface DueOptions {
  /** Ignore breaches before this instant (e.g. when the engine was switched on), so old incidents do not flood the timeline. */
  notBefore?: number;
}

/** `sla.breached` events due by `now` and not recorded, oldest first. One per target and cycle. */
export function dueBreaches(incident: IncidentState, policy: SlaPolicy, now: number, opts: DueOptions = {}): DueEvent<'sla.breached'>[] {
  const recorded = recordedKeys(incident, 'sla.breached');
  const out: DueEvent<'sla.breached'>[] = [];
  for (const c of allCycles(incident, policy, now)) {
    if (c.state !== 'breached' || c.breachedAt === null || c.breachedAt > now) continue;
    if (opts.notBefore !== undefined && c.breachedAt < opts.notBefore) continue;
    const id = breachId(incident.id, c.target, c.cycle);
    if (recorded.has(id)) continue;
    out.push({
      id,
      stream: incident.id,
      type: 'sla.breached',
      data: {
        key: id,
        target: c.target,
        cycle: c.cycle,
        priority: c.priority,
        policyId: policy.id,
        policyVersion: policy.version,
        targetMinutes: c.targetMs / 60_000,
        breachedAt: iso(c.breachedAt),
      },
    });
  }
  return out.sort((a, b) => Date.parse(a.data.breachedAt) - Date.parse(b.data.breachedAt));
}

/**
 * `sla.warning` events for clocks still running that reached a warning level not yet recorded for
 * their cycle. Only the highest level reached is due (a host waking late does not replay 75% after 90%);
 * a breached or stopped clock needs no warning.
 */
export function dueWarnings(incident: IncidentState, policy: SlaPolicy, now: number): DueEvent<'sla.warning'>[] {
  const recorded = recordedEvents(incident, 'sla.warning');
  const out: DueEvent<'sla.warning'>[] = [];
  for (const c of computeClocks(incident, policy, now)) {
    if (!isLive(c) || c.state === 'breached' || c.warningLevel === 0 || c.startedAt === null) continue;
    if (recorded.some((r) => r.data.target === c.target && r.data.cycle === c.cycle && r.data.level >= c.warningLevel)) continue;
    const id = warningId(incident.id, c.target, c.cycle, c.warningLevel);
    if (recorded.some((r) => r.event.id === id)) continue;
    out.push({
      id,
      stream: incident.id,
      type: 'sla.warning',
      data: {
        key: id,
        target: c.target,
        cycle: c.cycle,
        level: c.warningLevel,
        priority: c.priority,
        policyId: policy.id,
        policyVersion: policy.version,
        at: iso(c.warnedAt ?? now),
        dueAt: projectedDue(policy, c, now),
      },
    });
  }
  return out;
}

/**
 * When the target falls due as seen at the warning: the warning moment plus the working time left
 * then (no further pause). Depends only on the incident, not on when a host looks, so every host
 * proposes the same payload.
 */
function projectedDue(policy: SlaPolicy, c: SlaClock, now: number): string | null {
  const spec = policy.priorities[c.priority]?.[c.target];
  if (!spec) return null;
  const from = c.warnedAt ?? now;
  const due = workCalendar(calendarOf(policy, spec)).addWorking(from, c.targetMs - thresholdMs(c.targetMs, c.warningLevel));
  return Number.isFinite(due) ? iso(due) : null;
}

/** The next moment a scheduler should look at the incident again: an SLA clock change or an escalation falling due. */
export function nextWakeAt(incident: IncidentState, sla: SlaPolicy | undefined, escalation: EscalationPolicy | undefined, now: number): number | null {
  const a = sla ? nextChangeAt(incident, sla, now) : null;
  const b = escalation ? escalationState(incident, escalation, now).nextDueAt : null;
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

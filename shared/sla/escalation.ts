/**
 * Escalation engine: where an incident stands on its escalation policy at `now`, and which
 * automatic escalations are due but not yet recorded.
 *
 * The wait for the next level counts working time on the policy's calendar, outside its pause
 * statuses and outside Resolved/Closed/Cancelled (and, for `until: 'acknowledged'`, only before
 * acknowledgement). It restarts at every progress event and whenever the level changes.
 * Recorded escalation events are facts: an automatic raise takes effect at its due time (so a late
 * recording does not shift later levels), manual raises and de-escalations when recorded.
 * After the last level the sequence starts again at level 1 `repeat` times.
 * Automatic raises get the id `esc:<incident>:<level>:<n>`, n = how many automatic raises of that
 * level came before (the round, unless a de-escalation made a level come round again).
 */
import { DomainError } from '../domain/commands';
import type { IncidentState } from '../domain/incident';
import { MINUTE, workCalendar } from './calendar';
import { acknowledgedAt, reach } from './clocks';
import { DONE_STATUSES, historyOf, ms, statusAt, type IncidentHistory } from './history';
import type { EscalationLevel, EscalationPolicy } from './escalation-policy';
import { escalationId, recordedEvents, type DueEvent, type SlaPayloadOf } from './events';

export interface EscalationStep {
  /** The automatic raise's deterministic id, else the recorded event's id. */
  key: string;
  direction: 'raised' | 'lowered';
  level: number;
  round: number;
  at: number;
  automatic: boolean;
  /** False for automatic raises that are due but not on the timeline yet. */
  recorded: boolean;
}

export interface NextEscalation {
  level: number;
  round: number;
  key: string;
  definition: EscalationLevel;
  /** Null when it cannot fall due without a new event (paused for good, acknowledged, done). */
  dueAt: number | null;
}

export interface EscalationState {
  policyId: string;
  policyVersion: number;
  /** Whether the incident is still subject to escalation (not done, cancelled, or acknowledged under an until-acknowledged policy). */
  active: boolean;
  /** Whether the wait is standing still now (pause status or outside the calendar's hours). */
  paused: boolean;
  /** Current level (0 = not escalated), including automatic raises due by now but not recorded yet. */
  level: number;
  round: number;
  current: EscalationLevel | null;
  /** When the current level was reached. */
  since: number | null;
  /** When the wait for the next level (re)started: the last level change or progress. */
  waitingSince: number;
  next: NextEscalation | null;
  nextDueAt: number | null;
  steps: EscalationStep[];
}

type Input =
  | { t: number; kind: 'progress' }
  | { t: number; kind: 'raised'; id: string; data: SlaPayloadOf<'escalation.raised'> }
  | { t: number; kind: 'lowered'; id: string; data: SlaPayloadOf<'escalation.lowered'> };

const TASK_EVENTS = new Set(['task.added', 'task.updated', 'task.checklistToggled']);

function inputsOf(incident: IncidentState, policy: EscalationPolicy, h: IncidentHistory): Input[] {
  const out: Input[] = [];
  const p = new Set(policy.progress);
  for (const e of incident.timeline) {
    const t = Math.max(h.createdAt, ms(e.recordedAt) ?? h.createdAt);
    const kind = (e.data as { kind?: string } | undefined)?.kind;
    if (
      (e.type === 'incident.statusChanged' && p.has('status')) ||
      (e.type === 'entry.added' && (p.has('entry') || (p.has('status_update') && kind === 'status_update'))) ||
      (TASK_EVENTS.has(e.type) && p.has('task'))
    )
      out.push({ t, kind: 'progress' });
  }
  const keys = new Set<string>();
  for (const r of recordedEvents(incident, 'escalation.raised')) {
    if (r.data.automatic) {
      if (keys.has(r.data.key)) continue; // the same raise recorded twice under different envelope ids counts once
      keys.add(r.data.key);
    }
    const t = r.data.automatic ? (ms(r.data.dueAt) ?? r.at) : r.at;
    out.push({ t: Math.max(h.createdAt, t), kind: 'raised', id: r.event.id, data: r.data });
  }
  for (const r of recordedEvents(incident, 'escalation.lowered')) out.push({ t: Math.max(h.createdAt, r.at), kind: 'lowered', id: r.event.id, data: r.data });
  // Stable: equal times keep timeline order.
  return out.map((x, i) => [x, i] as const).sort((a, b) => a[0].t - b[0].t || a[1] - b[1]).map(([x]) => x);
}

/** Where the incident stands on `policy` at `now`. */
export function escalationState(incident: IncidentState, policy: EscalationPolicy, now: number): EscalationState {
  const h = historyOf(incident);
  const meter = { h, cal: workCalendar(policy.calendar), pause: policy.pauseIn };
  const ack = policy.until === 'acknowledged' ? acknowledgedAt(h) : null;
  const stopAt = ack ?? Infinity;
  const levels = policy.levels;

  let level = 0;
  let round = 0;
  let anchor = h.createdAt;
  let since: number | null = null;
  const occurrences = new Map<number, number>();
  const steps: EscalationStep[] = [];
  const recordedAuto = new Set<string>();
  for (const r of recordedEvents(incident, 'escalation.raised')) if (r.data.automatic) recordedAuto.add(r.data.key);

  const upcoming = (): Omit<NextEscalation, 'dueAt'> & { afterMs: number } | null => {
    let next: { level: number; round: number } | null = null;
    if (level < levels.length) next = { level: level + 1, round };
    else if (round < policy.repeat) next = { level: 1, round: round + 1 };
    if (!next) return null;
    const definition = levels[next.level - 1]!;
    return { ...next, definition, key: escalationId(incident.id, next.level, occurrences.get(next.level) ?? 0), afterMs: definition.afterMinutes * MINUTE };
  };
  const dueOf = (afterMs: number): number => reach(meter, anchor, afterMs, stopAt);
  const raise = (to: number, r: number, at: number, automatic: boolean, key: string, recorded: boolean): void => {
    level = Math.min(to, levels.length);
    round = r;
    anchor = Math.max(anchor, at);
    since = at;
    if (automatic) occurrences.set(level, (occurrences.get(level) ?? 0) + 1);
    steps.push({ key, direction: 'raised', level, round, at, automatic, recorded });
  };
  /** Derives automatic raises due before `limit` (and by now). */
  const derive = (limit: number): void => {
    for (;;) {
      const n = upcoming();
      if (!n || recordedAuto.has(n.key)) return; // a recorded raise takes effect at its own time
      const due = dueOf(n.afterMs);
      if (!(due < limit) || due > now) return;
      raise(n.level, n.round, due, true, n.key, false);
    }
  };

  for (const x of inputsOf(incident, policy, h)) {
    derive(x.t);
    if (x.kind === 'progress') anchor = Math.max(anchor, x.t);
    else if (x.kind === 'raised') raise(x.data.level, x.data.automatic ? x.data.round : round, x.t, x.data.automatic, x.data.automatic ? x.data.key : x.id, true);
    else {
      level = Math.min(x.data.to, level);
      anchor = Math.max(anchor, x.t);
      since = x.t;
      steps.push({ key: x.id, direction: 'lowered', level, round, at: x.t, automatic: false, recorded: true });
    }
  }
  derive(now + 1);

  const statusNow = statusAt(h, now);
  const active = statusNow !== 'cancelled' && !DONE_STATUSES.has(statusNow) && !(ack !== null && ack <= now);
  const paused = active && (policy.pauseIn.includes(statusNow) || !meter.cal.isWorking(now));
  const n = upcoming();
  let next: NextEscalation | null = null;
  if (n) {
    const due = active ? dueOf(n.afterMs) : Infinity;
    next = { level: n.level, round: n.round, key: n.key, definition: n.definition, dueAt: due === Infinity ? null : due };
  }
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    active,
    paused,
    level,
    round,
    current: level > 0 ? levels[level - 1]! : null,
    since: level > 0 ? since : null,
    waitingSince: anchor,
    next,
    nextDueAt: next?.dueAt ?? null,
    steps,
  };
}

/** Automatic escalations that should be on the timeline by `now` but are not, oldest first. */
export function dueEscalations(incident: IncidentState, policy: EscalationPolicy, now: number): DueEvent<'escalation.raised'>[] {
  const state = escalationState(incident, policy, now);
  return state.steps
    .filter((s) => s.automatic && !s.recorded)
    .map((s) => {
      const def = policy.levels[s.level - 1]!;
      return {
        id: s.key,
        stream: incident.id,
        type: 'escalation.raised' as const,
        data: {
          key: s.key,
          level: s.level,
          round: s.round,
          automatic: true,
          reason: '',
          policyId: policy.id,
          policyVersion: policy.version,
          name: def.name,
          kind: def.kind,
          notify: def.notify,
          dueAt: new Date(s.at).toISOString(),
        },
      };
    });
}

/** The event for a person raising the escalation to `level` (above the current one) with a reason. */
export function manualEscalation(
  incident: IncidentState,
  policy: EscalationPolicy,
  now: number,
  level: number,
  reason: string,
): Omit<DueEvent<'escalation.raised'>, 'id'> {
  const state = escalationState(incident, policy, now);
  if (!reason.trim()) throw new DomainError('escalation.reasonRequired', 'Escalating by hand needs a reason', 'reason');
  if (!Number.isInteger(level) || level < 1 || level > policy.levels.length)
    throw new DomainError('escalation.unknownLevel', `${policy.name || policy.id} has levels 1–${policy.levels.length}`, 'level');
  if (level <= state.level) throw new DomainError('escalation.notHigher', `${incident.id} is already at level ${state.level}`, 'level');
  const def = policy.levels[level - 1]!;
  return {
    stream: incident.id,
    type: 'escalation.raised',
    data: {
      key: '',
      level,
      round: state.round,
      automatic: false,
      reason: reason.trim(),
      policyId: policy.id,
      policyVersion: policy.version,
      name: def.name,
      kind: def.kind,
      notify: def.notify,
      dueAt: null,
    },
  };
}

/** The event for a person lowering the escalation to `to` (0 = not escalated) with a reason. */
export function lowerEscalation(
  incident: IncidentState,
  policy: EscalationPolicy,
  now: number,
  to: number,
  reason: string,
): Omit<DueEvent<'escalation.lowered'>, 'id'> {
  const state = escalationState(incident, policy, now);
  if (!reason.trim()) throw new DomainError('escalation.reasonRequired', 'De-escalating needs a reason', 'reason');
  if (!Number.isInteger(to) || to < 0 || to >= state.level)
    throw new DomainError('escalation.notLower', `${incident.id} is at level ${state.level}; choose a lower level`, 'to');
  return { stream: incident.id, type: 'escalation.lowered', data: { from: state.level, to, reason: reason.trim() } };
}

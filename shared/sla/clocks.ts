/**
 * The SLA clock engine: pure functions of (incident, pinned policy, now). No timers: a scheduler
 * asks `nextChangeAt` when to look again.
 *
 * Decisions (see also README.md in this folder):
 * - Clock starts: acknowledge and first update run from the incident's creation (when it was
 *   reported/detected in this system); mitigation and resolution from `impactStarted` when recorded,
 *   else creation. The update cadence runs from the first stakeholder update (from creation when the
 *   priority has no first-update target), restarts at each update and at each Reopen.
 * - Stops: acknowledge at the `acknowledged` milestone, else when the incident first left New (going
 *   straight to Investigating acknowledges it); first update at the first status_update entry (its
 *   occurredAt, never later than when it was recorded; corrections do not count); mitigation at the
 *   `mitigated` milestone, else `resolved` (a fix mitigates); resolution while the incident is
 *   Resolved/Closed. Time in Resolved/Closed never counts, so a Reopen resumes the resolution clock.
 * - An unmet clock whose incident is now Resolved/Closed is `not_applicable` (nothing is due any
 *   more) unless it breached before; every clock of a Cancelled incident is `not_applicable`.
 * - Priority changes: a running clock follows the current priority, measured from the clock's start
 *   (as if the incident had had the new priority, and its calendar, all along); a clock that already
 *   stopped keeps the outcome under the priority in force when it stopped.
 * - A clock breaches the moment its elapsed working time reaches the target (elapsed ≥ target);
 *   a warning level is reached likewise at ceil(target × level / 100).
 */
import type { IncidentState } from '../domain/incident';
import type { Status } from '../domain/lifecycle';
import type { Priority } from '../domain/priority';
import { MINUTE, workCalendar, type WorkCalendar } from './calendar';
import { DONE_STATUSES, historyOf, priorityAt, segmentAt, statusAt, type IncidentHistory } from './history';
import { calendarOf, SLA_TARGET_LABELS, SLA_TARGETS, type SlaPolicy, type SlaTarget, type TargetSpec } from './policy';

export type ClockState = 'running' | 'paused' | 'met' | 'warning' | 'breached' | 'not_applicable';

export interface SlaClock {
  target: SlaTarget;
  label: string;
  state: ClockState;
  /** Priority whose target applies: the current one, or the one in force when the clock stopped. */
  priority: Priority;
  /** Cycle key: seconds from the incident's creation to this cycle's start (0 for one-shot clocks). */
  cycle: number;
  /** Name of the calendar the target runs on ("24x7" or a policy calendar). */
  calendar: string;
  startedAt: number | null;
  /**
   * When the target is (or was) due: the breach moment once breached; otherwise now plus the
   * remaining working time on the calendar, assuming no further pause (from the stop for a met clock).
   */
  dueAt: number | null;
  /** Working time counted so far (calendar hours, pauses excluded). */
  elapsedMs: number;
  targetMs: number;
  /** targetMs − elapsedMs; negative once breached. */
  remainingMs: number;
  /** Highest warning threshold reached (0 = none; 100 = breached). */
  warningLevel: number;
  /** When that warning threshold was reached (null without a warning, or once breached). */
  warnedAt: number | null;
  /** When the clock stopped (met, or met late when also breached). */
  metAt: number | null;
  breachedAt: number | null;
  /** Why a paused clock is not counting. */
  pausedBy: 'status' | 'calendar' | null;
}

/** One measurement period of a target. */
export interface Cycle {
  start: number;
  /** When the cycle ended: the awaited thing happened (`satisfied`), or a new cycle began. */
  end: number | null;
  satisfied: boolean;
}

/** Shared per (incident, policy): the history and the compiled calendars. */
export interface ClockContext {
  incident: IncidentState;
  policy: SlaPolicy;
  h: IncidentHistory;
}

export function clockContext(incident: IncidentState, policy: SlaPolicy): ClockContext {
  return { incident, policy, h: historyOf(incident) };
}

/** Counting rule of one target: working time on its calendar, outside its pause and done statuses. */
export interface Meter {
  h: IncidentHistory;
  cal: WorkCalendar;
  pause: readonly Status[];
}

function counts(m: Meter, status: Status): boolean {
  return status !== 'cancelled' && !DONE_STATUSES.has(status) && !m.pause.includes(status);
}

/** Counted milliseconds in [a, b). */
export function measure(m: Meter, a: number, b: number): number {
  if (!(b > a)) return 0;
  const { statusTimes: times, statuses } = m.h;
  let sum = 0;
  for (let i = segmentAt(times, a); i < statuses.length; i++) {
    const s = Math.max(a, times[i]!);
    if (s >= b) break;
    const e = Math.min(b, times[i + 1] ?? Infinity);
    if (e > s && counts(m, statuses[i]!)) sum += m.cal.workingMs(s, e);
  }
  return sum;
}

/** The earliest t ≤ limit with measure(a, t) = need, or Infinity. */
export function reach(m: Meter, a: number, need: number, limit = Infinity): number {
  const { statusTimes: times, statuses } = m.h;
  let left = need;
  for (let i = segmentAt(times, a); i < statuses.length; i++) {
    const s = Math.max(a, times[i]!);
    if (s > limit) break;
    const e = Math.min(limit, times[i + 1] ?? Infinity);
    if (!counts(m, statuses[i]!)) continue;
    const t = m.cal.addWorking(s, left);
    if (t <= e) return t;
    left -= m.cal.workingMs(s, e);
  }
  return Infinity;
}

export function thresholdMs(targetMs: number, percent: number): number {
  return Math.ceil((targetMs * percent) / 100);
}

const sortedLevels = new WeakMap<readonly number[], number[]>();

/** Warning levels of a target, ascending (cached per list). */
export function warnLevels(policy: SlaPolicy, spec: TargetSpec): number[] {
  const list = spec.warnAt ?? policy.warnAt;
  let sorted = sortedLevels.get(list);
  if (!sorted) {
    sorted = [...list].sort((a, b) => a - b);
    sortedLevels.set(list, sorted);
  }
  return sorted;
}

/** When the incident was acknowledged: the milestone, else when it first left New. */
export function acknowledgedAt(h: IncidentHistory): number | null {
  return h.milestones.acknowledged ?? h.leftNewAt;
}

type CycleMemo = Partial<Record<SlaTarget, Cycle[]>>;

/** The cycles of a target, in time order (cadence: one per update/reopen; others: one). Memoised per incident snapshot and policy. */
export function cyclesOf(c: ClockContext, target: SlaTarget): Cycle[] {
  let memo = c.h.memo.get(c.policy) as CycleMemo | undefined;
  if (!memo) {
    memo = {};
    c.h.memo.set(c.policy, memo);
  }
  return (memo[target] ??= deriveCycles(c, target));
}

function deriveCycles(c: ClockContext, target: SlaTarget): Cycle[] {
  const { h, incident } = c;
  const created = h.createdAt;
  const impact = h.milestones.impactStarted ?? created;
  const one = (start: number, end: number | null): Cycle[] => [{ start, end: end === null ? null : Math.max(start, end), satisfied: end !== null }];
  switch (target) {
    case 'acknowledge':
      return one(created, acknowledgedAt(h));
    case 'firstUpdate':
      return one(created, h.updates[0] ?? null);
    case 'mitigate':
      return one(impact, h.milestones.mitigated ?? h.milestones.resolved ?? null);
    case 'resolve':
      return one(impact, h.doneSince);
    case 'update': {
      const hasFirst = c.policy.priorities[incident.priority]?.firstUpdate !== undefined;
      const updates = new Set(h.updates.map((t) => Math.max(t, created)));
      const starts = [...new Set([...(hasFirst ? [] : [created]), ...updates, ...h.reopens])].sort((a, b) => a - b);
      return starts.map((start, i) => {
        const end = starts[i + 1] ?? null;
        return { start, end, satisfied: end !== null && updates.has(end) };
      });
    }
  }
}

/** Internal result: the clock plus what nextChangeAt needs. */
interface Evaluated {
  clock: SlaClock;
  meter?: Meter;
  levels?: number[];
}

function notApplicable(target: SlaTarget, priority: Priority, cycle: number, startedAt: number | null, calendar = '24x7'): SlaClock {
  return {
    target,
    label: SLA_TARGET_LABELS[target],
    state: 'not_applicable',
    priority,
    cycle,
    calendar,
    startedAt,
    dueAt: null,
    elapsedMs: 0,
    targetMs: 0,
    remainingMs: 0,
    warningLevel: 0,
    warnedAt: null,
    metAt: null,
    breachedAt: null,
    pausedBy: null,
  };
}

/** Evaluates one cycle of a target at `now`. */
export function evaluateCycle(c: ClockContext, target: SlaTarget, cycle: Cycle | undefined, now: number): Evaluated {
  const { h, policy } = c;
  const stopped = cycle?.end != null && cycle.end <= now ? cycle.end : null;
  const priority = priorityAt(h, stopped ?? now);
  const key = cycle ? Math.round((cycle.start - h.createdAt) / 1000) : 0;
  const spec = policy.priorities[priority]?.[target];
  const statusNow = statusAt(h, now);
  if (!cycle || !spec || cycle.start > now || statusNow === 'cancelled') return { clock: notApplicable(target, priority, key, cycle && cycle.start <= now ? cycle.start : null, spec?.calendar) };

  const meter: Meter = { h, cal: workCalendar(calendarOf(policy, spec)), pause: spec.pauseIn };
  const targetMs = spec.minutes * MINUTE;
  const upto = stopped ?? now;
  const elapsedMs = measure(meter, cycle.start, upto);
  const breached = elapsedMs >= targetMs;
  const breachedAt = breached ? reach(meter, cycle.start, targetMs, upto) : null;
  const levels = warnLevels(policy, spec);
  let warningLevel = 0;
  if (breached) warningLevel = 100;
  else for (const l of levels) if (elapsedMs >= thresholdMs(targetMs, l)) warningLevel = l;

  let state: ClockState;
  let pausedBy: SlaClock['pausedBy'] = null;
  let dueAt: number | null;
  if (stopped !== null) {
    state = breached ? 'breached' : cycle.satisfied ? 'met' : 'not_applicable';
    dueAt = breached ? breachedAt : cycle.satisfied ? meter.cal.addWorking(stopped, targetMs - elapsedMs) : null;
  } else if (breached) {
    state = 'breached';
    dueAt = breachedAt;
  } else if (DONE_STATUSES.has(statusNow)) {
    state = 'not_applicable'; // nothing is due while the work is done; a Reopen resumes the clock
    dueAt = null;
  } else {
    if (spec.pauseIn.includes(statusNow)) pausedBy = 'status';
    else if (!meter.cal.isWorking(now)) pausedBy = 'calendar';
    state = pausedBy ? 'paused' : warningLevel > 0 ? 'warning' : 'running';
    dueAt = meter.cal.addWorking(now, targetMs - elapsedMs);
  }
  const clock: SlaClock = {
    target,
    label: SLA_TARGET_LABELS[target],
    state,
    priority,
    cycle: key,
    calendar: spec.calendar,
    startedAt: cycle.start,
    dueAt: dueAt === Infinity ? null : dueAt,
    elapsedMs,
    targetMs,
    remainingMs: targetMs - elapsedMs,
    warningLevel,
    warnedAt: warningLevel > 0 && !breached ? reach(meter, cycle.start, thresholdMs(targetMs, warningLevel), upto) : null,
    metAt: stopped,
    breachedAt,
    pausedBy,
  };
  return { clock, meter, levels };
}

/** The current cycle of a target at `now` (the last one started by then). */
function currentCycle(cycles: readonly Cycle[], now: number): Cycle | undefined {
  for (let i = cycles.length - 1; i >= 0; i--) if (cycles[i]!.start <= now) return cycles[i];
  return cycles[0];
}

function evaluateAll(incident: IncidentState, policy: SlaPolicy, now: number): Evaluated[] {
  const c = clockContext(incident, policy);
  return SLA_TARGETS.map((t) => evaluateCycle(c, t, currentCycle(cyclesOf(c, t), now), now));
}

/** Every clock of the incident at `now`, in SLA_TARGETS order (inapplicable ones included). */
export function computeClocks(incident: IncidentState, policy: SlaPolicy, now: number): SlaClock[] {
  return evaluateAll(incident, policy, now).map((e) => e.clock);
}

/** Whether a clock still runs (not stopped and applicable). */
export function isLive(clock: SlaClock): boolean {
  return clock.state !== 'not_applicable' && clock.metAt === null;
}

/**
 * The clock to show: a breached live clock first (the earliest breach), else the running clock
 * due soonest, else the paused one due soonest; undefined when no clock runs.
 */
export function nearestClock(clocks: readonly SlaClock[]): SlaClock | undefined {
  let best: SlaClock | undefined;
  const rank = (c: SlaClock): number => (c.state === 'breached' ? 0 : c.state === 'paused' ? 2 : 1);
  const key = (c: SlaClock): number => (c.state === 'breached' ? (c.breachedAt ?? 0) : (c.dueAt ?? Infinity));
  for (const c of clocks) {
    if (!isLive(c)) continue;
    if (!best || rank(c) < rank(best) || (rank(c) === rank(best) && key(c) < key(best))) best = c;
  }
  return best;
}

/** SLA risk for board ordering: the largest share of a target used among live clocks (≥ 1 = breached). */
export function slaRisk(clocks: readonly SlaClock[]): number | undefined {
  let risk: number | undefined;
  for (const c of clocks) if (isLive(c) && c.targetMs > 0) risk = Math.max(risk ?? 0, c.elapsedMs / c.targetMs);
  return risk;
}

/**
 * The next moment after `now` at which any clock's state or warning level changes if nothing else
 * happens: a warning threshold or breach of a counting clock, or a calendar boundary where a
 * clock starts or stops counting. Null when nothing will change without a new event.
 */
export function nextChangeAt(incident: IncidentState, policy: SlaPolicy, now: number): number | null {
  let next = Infinity;
  for (const { clock, meter, levels } of evaluateAll(incident, policy, now)) {
    if (!meter || !levels) continue;
    if (clock.state === 'running' || clock.state === 'warning') {
      for (const l of [...levels, 100]) {
        const need = thresholdMs(clock.targetMs, l) - clock.elapsedMs;
        if (need > 0) {
          next = Math.min(next, meter.cal.addWorking(now, need));
          break; // thresholds ascend: the first one ahead comes first
        }
      }
      next = Math.min(next, meter.cal.nextBoundary(now));
    } else if (clock.state === 'paused' && clock.pausedBy === 'calendar') {
      next = Math.min(next, meter.cal.nextBoundary(now));
    }
  }
  return next === Infinity ? null : next;
}

/** All cycles of every target evaluated at `now` (history included), for recording breaches. */
export function allCycles(incident: IncidentState, policy: SlaPolicy, now: number): SlaClock[] {
  const c = clockContext(incident, policy);
  const out: SlaClock[] = [];
  for (const t of SLA_TARGETS) for (const cy of cyclesOf(c, t)) if (cy.start <= now) out.push(evaluateCycle(c, t, cy, now).clock);
  return out;
}

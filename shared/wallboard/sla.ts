/**
 * The SLA picture of one incident as the wall board shows it, from the pure SLA engine
 * (shared/sla): the clock a tile counts down, its tone, the risk the board orders by, the
 * "update overdue" mark and the live breaches that ask for attention.
 *
 * Evaluated at one instant and cached per incident snapshot until the next moment any of its
 * clocks changes state or warning level (`nextChangeAt`), so the board re-evaluates an incident
 * only when its data changes or at that moment; in between, only the countdown text moves
 * (describeClock is arithmetic on the clock's dueAt / breachedAt).
 */
import type { IncidentState } from '../domain/incident';
import { workCalendar } from '../sla/calendar';
import { historyOf, type IncidentHistory } from '../sla/history';
import { computeClocks, isLive, nearestClock, slaRisk, thresholdMs, warnLevels, type SlaClock } from '../sla/clocks';
import { calendarOf, policyFor, type SlaPolicy } from '../sla/policy';
import { DEFAULT_ORG_POLICIES, updateClock } from '../sla/snapshot';

/** `breached`: a live clock is past its target · `warning`: one reached a warning level · `ok`. */
export type SlaTone = 'ok' | 'warning' | 'breached';

export interface BoardSla {
  /** When it was evaluated. */
  at: number;
  /** It holds for every now in [at, validUntil): no clock changes state before then without new data. */
  validUntil: number;
  /** The clock the tile counts down (see `shownClock`); undefined when no clock runs. */
  shown: SlaClock | undefined;
  /** Tone of the incident: its worst live clock. */
  tone: SlaTone;
  /** Largest share of a target used among live clocks at `at` (≥ 1 = breached); see `riskAt`. */
  risk: number | undefined;
  /** Every clock at `at` (inapplicable ones included). */
  clocks: readonly SlaClock[];
  /** The stakeholder-update clock (first update, then the cadence) when it is breached: "update overdue". */
  overdue: SlaClock | undefined;
  /** Live breached clocks other than the update clock, earliest breach first. */
  breaches: readonly SlaClock[];
}

/** The policy versions the board evaluates against (the organisation's SLA policy list). */
export const BOARD_SLA_POLICIES: readonly SlaPolicy[] = DEFAULT_ORG_POLICIES.sla;

const isBreached = (c: SlaClock) => c.state === 'breached' && c.metAt === null;
const isUpdateTarget = (c: SlaClock) => c.target === 'update' || c.target === 'firstUpdate';

/**
 * The clock to count down: among the live clocks of the most severe state (breached, then
 * warning, then running, then paused), the nearest one (`nearestClock`: earliest breach, else due
 * soonest). So the text always explains the tile's colour.
 */
export function shownClock(clocks: readonly SlaClock[]): SlaClock | undefined {
  const live = clocks.filter(isLive);
  const breached = live.filter(isBreached);
  if (breached.length) return nearestClock(breached);
  const warning = live.filter((c) => c.state === 'warning');
  if (warning.length) return nearestClock(warning);
  return nearestClock(live);
}

/**
 * `nextChangeAt` of shared/sla/clocks.ts from clocks already computed at `now` (the engine's
 * version evaluates every clock again): the next warning level or breach of a counting clock,
 * or a calendar boundary where a clock starts or stops counting. Kept equal to the engine's by
 * tests/shared/wallboard-sla.test.ts.
 */
export function nextChangeFrom(policy: SlaPolicy, clocks: readonly SlaClock[], now: number): number | null {
  let next = Infinity;
  for (const c of clocks) {
    const counting = c.state === 'running' || c.state === 'warning';
    if (!counting && !(c.state === 'paused' && c.pausedBy === 'calendar')) continue;
    const spec = policy.priorities[c.priority]?.[c.target];
    if (!spec) continue;
    const cal = workCalendar(calendarOf(policy, spec));
    if (counting) {
      for (const level of [...warnLevels(policy, spec), 100]) {
        const need = thresholdMs(c.targetMs, level) - c.elapsedMs;
        if (need > 0) {
          next = Math.min(next, cal.addWorking(now, need));
          break; // levels ascend: the first one ahead comes first
        }
      }
    }
    next = Math.min(next, cal.nextBoundary(now));
  }
  return next === Infinity ? null : next;
}

/**
 * The earliest recorded moment of the incident after `now`, or Infinity. Events stamped ahead of
 * this PC's clock (another PC's clock runs fast, a milestone entered for later) start, stop or
 * re-time clocks when that moment arrives, with no new data to trigger a re-evaluation; the
 * engine's nextChangeAt only looks at clocks already counting, so without this an incident created
 * "in the future" would keep its empty SLA picture until it next changed.
 */
export function nextRecordedAfter(h: IncidentHistory, now: number): number {
  let next = Infinity;
  const consider = (t: number | null | undefined) => {
    if (t != null && t > now && t < next) next = t;
  };
  consider(h.createdAt);
  consider(h.leftNewAt);
  consider(h.doneSince);
  for (const t of h.statusTimes) consider(t);
  for (const t of h.priorityTimes) consider(t);
  for (const t of h.updates) consider(t);
  for (const t of h.reopens) consider(t);
  for (const t of Object.values(h.milestones)) consider(t);
  return next;
}

/** The board's SLA picture of an incident at `now`, computed afresh. */
export function evaluateBoardSla(incident: IncidentState, now: number, policies: readonly SlaPolicy[] = BOARD_SLA_POLICIES): BoardSla {
  const policy = policyFor(incident, policies);
  if (!policy) return { at: now, validUntil: Infinity, shown: undefined, tone: 'ok', risk: undefined, clocks: [], overdue: undefined, breaches: [] };
  const clocks = computeClocks(incident, policy, now);
  const live = clocks.filter(isLive);
  const update = updateClock(clocks);
  const next = Math.min(nextChangeFrom(policy, clocks, now) ?? Infinity, nextRecordedAfter(historyOf(incident), now));
  return {
    at: now,
    validUntil: Math.max(next, now + 1),
    shown: shownClock(clocks),
    tone: live.some(isBreached) ? 'breached' : live.some((c) => c.state === 'warning') ? 'warning' : 'ok',
    risk: slaRisk(clocks),
    clocks,
    overdue: update && isBreached(update) ? update : undefined,
    breaches: live.filter((c) => isBreached(c) && !isUpdateTarget(c)).sort((a, b) => (a.breachedAt ?? 0) - (b.breachedAt ?? 0)),
  };
}

const cache = new WeakMap<IncidentState, WeakMap<readonly SlaPolicy[], BoardSla>>();

/**
 * `evaluateBoardSla`, reusing the cached result (same object) while `now` stays within
 * [at, validUntil): a memoised tile given it keeps its props and does not re-render.
 */
export function boardSla(incident: IncidentState, now: number, policies: readonly SlaPolicy[] = BOARD_SLA_POLICIES): BoardSla {
  let byPolicies = cache.get(incident);
  if (!byPolicies) cache.set(incident, (byPolicies = new WeakMap()));
  const hit = byPolicies.get(policies);
  if (hit && now >= hit.at && now < hit.validUntil) return hit;
  const fresh = evaluateBoardSla(incident, now, policies);
  byPolicies.set(policies, fresh);
  return fresh;
}

/**
 * The risk at `now` ≥ `at`, within the evaluation's validity: a counting clock has gained
 * (now − at) of working time (no calendar boundary lies inside [at, validUntil)), a breached one
 * keeps growing past 1 with wall time. Lets the board compare incidents evaluated at different
 * moments at one common instant; equals `risk` at `at`.
 */
export function riskAt(sla: BoardSla, now: number): number | undefined {
  if (sla.risk === undefined) return undefined;
  const dt = Math.max(0, Math.min(now, sla.validUntil) - sla.at);
  let risk: number | undefined;
  for (const c of sla.clocks) {
    if (!isLive(c) || c.targetMs <= 0) continue;
    let r: number;
    if (c.state === 'breached') r = 1 + Math.max(0, now - (c.breachedAt ?? now)) / c.targetMs;
    else if (c.state === 'paused') r = c.elapsedMs / c.targetMs;
    else r = (c.elapsedMs + dt) / c.targetMs;
    risk = Math.max(risk ?? 0, r);
  }
  return risk;
}

export interface BoardSlaSummary {
  /** Incidents with a live breached clock. */
  breaching: number;
  /** Incidents with a clock at a warning level and none breached. */
  nearBreach: number;
  /** The earliest moment any of them changes (Infinity: never without new data). */
  nextChangeAt: number;
}

export function summariseSla(slas: Iterable<BoardSla>): BoardSlaSummary {
  let breaching = 0;
  let nearBreach = 0;
  let next = Infinity;
  for (const s of slas) {
    if (s.tone === 'breached') breaching++;
    else if (s.tone === 'warning') nearBreach++;
    next = Math.min(next, s.validUntil);
  }
  return { breaching, nearBreach, nextChangeAt: next };
}

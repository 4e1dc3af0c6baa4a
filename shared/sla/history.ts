/**
 * What the SLA engine needs from an incident's timeline, derived once per incident snapshot
 * (incident states are immutable, so this caches by identity like shared/wallboard/facts.ts).
 */
import type { IncidentState } from '../domain/incident';
import type { Status } from '../domain/lifecycle';
import type { Priority } from '../domain/priority';
import type { Milestone } from '../domain/vocabulary';

/** Statuses in which work is finished: no SLA time counts while in them (a Reopen resumes). */
export const DONE_STATUSES: ReadonlySet<Status> = new Set<Status>(['resolved', 'closed']);

export interface IncidentHistory {
  createdAt: number;
  /** Status segments: statuses[i] holds from statusTimes[i] (statusTimes[0] = -Infinity) to the next. */
  statusTimes: number[];
  statuses: Status[];
  /** Priority segments, same shape. */
  priorityTimes: number[];
  priorities: Priority[];
  /** When the incident first left New (any transition); null while new. */
  leftNewAt: number | null;
  /** Times of original stakeholder updates (status_update entries, corrections excluded), ascending. */
  updates: number[];
  /** Times the incident went from Resolved/Closed back to an active status. */
  reopens: number[];
  /** When the incident last entered Resolved/Closed, if it is in one of them now. */
  doneSince: number | null;
  /** Milestones as epoch ms. */
  milestones: Partial<Record<Milestone, number>>;
  /** Derived per policy by the clock engine (cycles of each target); keyed by policy identity. */
  readonly memo: WeakMap<object, unknown>;
}

const cache = new WeakMap<IncidentState, IncidentHistory>();

export function ms(iso: string | undefined | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

export function historyOf(incident: IncidentState): IncidentHistory {
  let h = cache.get(incident);
  if (!h) {
    h = derive(incident);
    cache.set(incident, h);
  }
  return h;
}

function derive(incident: IncidentState): IncidentHistory {
  const createdAt = ms(incident.createdAt) ?? 0;
  const statusTimes = [-Infinity];
  const statuses: Status[] = ['new'];
  const priorityTimes = [-Infinity];
  const priorities: Priority[] = [];
  const reopens: number[] = [];
  let leftNewAt: number | null = null;
  // Event times follow fold (HLC) order; a writer with a slow clock cannot move a change backwards.
  let last = createdAt;
  for (const e of incident.timeline) {
    if (e.type === 'incident.created') {
      const p = (e.data as { priority?: Priority }).priority;
      if (p && priorities.length === 0) priorities.push(p);
      continue;
    }
    if (e.type !== 'incident.statusChanged' && e.type !== 'incident.priorityChanged') continue;
    const t = Math.max(last, ms(e.recordedAt) ?? last);
    last = t;
    if (e.type === 'incident.priorityChanged') {
      const p = (e.data as { priority: Priority }).priority;
      if (priorities.length === 0) priorities.push(p);
      priorityTimes.push(t);
      priorities.push(p);
      continue;
    }
    const { to } = e.data as { from: Status; to: Status };
    const from = statuses[statuses.length - 1]!;
    if (from === to) continue;
    if (from === 'new' && leftNewAt === null) leftNewAt = t;
    if (DONE_STATUSES.has(from) && !DONE_STATUSES.has(to) && to !== 'cancelled') reopens.push(t);
    statusTimes.push(t);
    statuses.push(to);
  }
  if (priorities.length === 0) priorities.push(incident.priority);
  const current = statuses[statuses.length - 1]!;
  let doneSince: number | null = null;
  if (DONE_STATUSES.has(current)) {
    let i = statuses.length - 1;
    while (i > 0 && DONE_STATUSES.has(statuses[i - 1]!)) i--;
    doneSince = statusTimes[i]!;
  }
  const updates = incident.entries
    .filter((x) => x.kind === 'status_update' && x.corrects === null)
    .map((x) => {
      const recorded = ms(x.recordedAt) ?? createdAt;
      return Math.min(ms(x.occurredAt) ?? recorded, recorded);
    })
    .sort((a, b) => a - b);
  const milestones: Partial<Record<Milestone, number>> = {};
  for (const [k, v] of Object.entries(incident.milestones)) {
    const at = ms(v);
    if (at !== null) milestones[k as Milestone] = at;
  }
  return { createdAt, statusTimes, statuses, priorityTimes, priorities, leftNewAt, updates, reopens, doneSince, milestones, memo: new WeakMap() };
}

/** Index of the segment holding time t (the last whose start ≤ t). */
export function segmentAt(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function statusAt(h: IncidentHistory, t: number): Status {
  return h.statuses[segmentAt(h.statusTimes, t)]!;
}

export function priorityAt(h: IncidentHistory, t: number): Priority {
  return h.priorities[segmentAt(h.priorityTimes, t)]!;
}

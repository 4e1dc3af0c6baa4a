import type { IncidentState } from '../domain/incident';
import { priorityRank } from '../domain/priority';
import { impactStartedAt } from './facts';

/**
 * SLA risk of an incident, higher = closer to (or further past) a breach: the largest share of an
 * SLA target used (≥ 1 = breached; see shared/wallboard/sla.ts `riskAt`). Undefined when no
 * clock runs. The caller evaluates every incident at one instant, so the order is consistent.
 */
export type RiskOf = (incident: IncidentState) => number | undefined;

export interface OrderOptions {
  risk?: RiskOf;
}

interface Keyed {
  incident: IncidentState;
  rank: number;
  risk: number | undefined;
  started: number;
}

function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.risk !== undefined || b.risk !== undefined) {
    if (a.risk === undefined) return 1;
    if (b.risk === undefined) return -1;
    if (a.risk !== b.risk) return b.risk - a.risk;
  }
  // Then by age: the longest-running impact first.
  if (a.started !== b.started) return a.started - b.started;
  return a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0;
}

/** Incident states are immutable snapshots: parse each one's impact start once. */
const startedCache = new WeakMap<IncidentState, number>();

function startedMs(incident: IncidentState): number {
  let t = startedCache.get(incident);
  if (t === undefined) startedCache.set(incident, (t = Date.parse(impactStartedAt(incident))));
  return t;
}

function keyed(incident: IncidentState, opts: OrderOptions): Keyed {
  return {
    incident,
    rank: priorityRank(incident.priority),
    risk: opts.risk?.(incident),
    started: startedMs(incident),
  };
}

/**
 * Board order: priority, then SLA risk (highest first; incidents without a running clock after
 * those with one), then age (the longest-running impact first), then id. A pure function of the
 * incidents and their risk: the board recomputes it only when incidents change or an SLA clock
 * changes state, never on a clock tick.
 */
export function orderForBoard(incidents: readonly IncidentState[], opts: OrderOptions = {}): IncidentState[] {
  return incidents
    .map((i) => keyed(i, opts))
    .sort(compareKeyed)
    .map((k) => k.incident);
}

/** The same order as a comparator, for callers that sort themselves. */
export function compareForBoard(a: IncidentState, b: IncidentState, opts: OrderOptions = {}): number {
  return compareKeyed(keyed(a, opts), keyed(b, opts));
}

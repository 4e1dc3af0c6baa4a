import type { IncidentState } from '../domain/incident';
import { priorityRank } from '../domain/priority';
import { impactStartedAt, lastUpdateAt } from './facts';

/**
 * SLA risk of an incident, higher = closer to (or further past) a breach, e.g. the fraction of the
 * SLA budget used. Undefined when unknown. The SLA issue provides it; until then the board falls
 * back to the time since the last stakeholder update.
 */
export type RiskOf = (incident: IncidentState) => number | undefined;

export interface OrderOptions {
  risk?: RiskOf;
}

interface Keyed {
  incident: IncidentState;
  rank: number;
  risk: number | undefined;
  lastUpdate: number;
  started: number;
}

function compareKeyed(a: Keyed, b: Keyed): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.risk !== undefined || b.risk !== undefined) {
    if (a.risk === undefined) return 1;
    if (b.risk === undefined) return -1;
    if (a.risk !== b.risk) return b.risk - a.risk;
  }
  // Without SLA risk: longest since the last stakeholder update first (an earlier time = longer).
  if (a.lastUpdate !== b.lastUpdate) return a.lastUpdate - b.lastUpdate;
  // Then by age: the longest-running impact first.
  if (a.started !== b.started) return a.started - b.started;
  return a.incident.id < b.incident.id ? -1 : a.incident.id > b.incident.id ? 1 : 0;
}

function keyed(incident: IncidentState, opts: OrderOptions): Keyed {
  return {
    incident,
    rank: priorityRank(incident.priority),
    risk: opts.risk?.(incident),
    lastUpdate: Date.parse(lastUpdateAt(incident)),
    started: Date.parse(impactStartedAt(incident)),
  };
}

/** Board order: priority, then SLA risk (or time since the last update), then age. Does not depend on "now". */
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

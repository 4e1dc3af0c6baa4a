import type { IncidentState } from '../../../../shared/domain/incident';
import { priorityRank } from '../../../../shared/domain/priority';

type Sortable = Pick<IncidentState, 'id' | 'priority' | 'updatedAt' | 'createdAt'>;

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Console list order: priority first; then SLA risk, highest first (the share of an SLA target
 * used, above 1 once breached; see shared/sla/snapshot.ts); then age (oldest first); then id.
 * Without risk figures (`sortForConsole` called without a risk function) the incident whose last
 * update is oldest, the most neglected, stands in for the riskiest.
 */
export function compareForConsole(a: Sortable, b: Sortable, riskA?: number, riskB?: number, withRisk = riskA !== undefined || riskB !== undefined): number {
  const byPriority = priorityRank(a.priority) - priorityRank(b.priority);
  if (byPriority !== 0) return byPriority;
  if (withRisk) {
    const byRisk = (riskB ?? -1) - (riskA ?? -1);
    if (byRisk !== 0) return byRisk;
  } else {
    const byUpdate = time(a.updatedAt) - time(b.updatedAt);
    if (byUpdate !== 0) return byUpdate;
  }
  const byAge = time(a.createdAt) - time(b.createdAt);
  if (byAge !== 0) return byAge;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts in console order; `risk` gives each incident's SLA risk (undefined: no clock runs). */
export function sortForConsole<T extends Sortable>(incidents: readonly T[], risk?: (incident: T) => number | undefined): T[] {
  if (!risk) return [...incidents].sort((a, b) => compareForConsole(a, b));
  const r = new Map(incidents.map((i) => [i, risk(i)] as const));
  return [...incidents].sort((a, b) => compareForConsole(a, b, r.get(a), r.get(b), true));
}

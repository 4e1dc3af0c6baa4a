import type { IncidentState } from '../../../../shared/domain/incident';
import { priorityRank } from '../../../../shared/domain/priority';

type Sortable = Pick<IncidentState, 'id' | 'priority' | 'updatedAt' | 'createdAt'>;

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Console list order: priority first; then SLA risk — there is no SLA engine yet, so the incident
 * whose last update is oldest (the most neglected) comes first; then age (oldest first); then id.
 */
export function compareForConsole(a: Sortable, b: Sortable): number {
  const byPriority = priorityRank(a.priority) - priorityRank(b.priority);
  if (byPriority !== 0) return byPriority;
  const byUpdate = time(a.updatedAt) - time(b.updatedAt);
  if (byUpdate !== 0) return byUpdate;
  const byAge = time(a.createdAt) - time(b.createdAt);
  if (byAge !== 0) return byAge;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortForConsole<T extends Sortable>(incidents: readonly T[]): T[] {
  return [...incidents].sort(compareForConsole);
}

import type { IncidentState } from '../domain/incident';
import { PRIORITIES, type Priority } from '../domain/priority';

export function countByPriority(incidents: readonly IncidentState[]): Record<Priority, number> {
  const counts = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  for (const i of incidents) counts[i.priority]++;
  return counts;
}

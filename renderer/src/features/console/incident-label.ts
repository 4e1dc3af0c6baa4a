import type { IncidentState } from '../../../../shared/domain/incident';
import { STATUS_LABELS } from '../../../../shared/domain/lifecycle';

/** Accessible name of a list row: always starts with the id, then priority and title. */
export function rowName(i: Pick<IncidentState, 'id' | 'priority' | 'title'>): string {
  return `${i.id} ${i.priority} ${i.title}`;
}

/** The row button's fuller description, read after the name. */
export function rowDescription(i: Pick<IncidentState, 'status' | 'major' | 'exercise' | 'roles'>, changed: boolean): string {
  const parts = [STATUS_LABELS[i.status]];
  if (i.major) parts.push('major incident');
  if (i.exercise) parts.push('exercise');
  parts.push(i.roles.coordinator ? `coordinator ${i.roles.coordinator}` : 'no coordinator');
  if (changed) parts.push('changed since you last looked');
  return parts.join(', ');
}

/** When the incident's clock starts: impact started if known, else creation. */
export function elapsedStart(i: Pick<IncidentState, 'milestones' | 'createdAt'>): { at: string; label: string } {
  const impact = i.milestones.impactStarted;
  return impact ? { at: impact, label: 'since impact started' } : { at: i.createdAt, label: 'since created' };
}

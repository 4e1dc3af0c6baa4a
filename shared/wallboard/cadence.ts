import type { IncidentState } from '../domain/incident';
import type { Priority } from '../domain/priority';
import { lastUpdateAt } from './facts';

/** Minutes between stakeholder updates, by priority; `null` = no cadence. */
export type UpdateCadence = Readonly<Record<Priority, number | null>>;

/**
 * Stakeholder-update cadence the wall board holds incidents to until the SLA engine exists.
 * Placeholder organisation data: the SLA issue replaces this table with configurable SLA clocks
 * (and feeds their risk into `orderForBoard` through its `risk` option).
 */
export const DEFAULT_UPDATE_CADENCE: UpdateCadence = { P1: 30, P2: 60, P3: 120, P4: null, P5: null };

const MINUTE = 60_000;

/** When the next stakeholder update is due (epoch ms), or null when the priority has no cadence. */
export function updateDueAt(incident: IncidentState, cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE): number | null {
  const minutes = cadence[incident.priority];
  if (minutes == null) return null;
  return Date.parse(lastUpdateAt(incident)) + minutes * MINUTE;
}

/** Whether the last stakeholder update (or, without one, the incident's creation) is older than the cadence. */
export function isUpdateOverdue(incident: IncidentState, now: number, cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE): boolean {
  const due = updateDueAt(incident, cadence);
  return due !== null && now > due;
}

export interface Deadline {
  id: string;
  dueAt: number;
}

/** Update deadlines of the incidents that have a cadence, soonest first. */
export function updateDeadlines(incidents: readonly IncidentState[], cadence: UpdateCadence = DEFAULT_UPDATE_CADENCE): Deadline[] {
  const out: Deadline[] = [];
  for (const i of incidents) {
    const dueAt = updateDueAt(i, cadence);
    if (dueAt !== null) out.push({ id: i.id, dueAt });
  }
  return out.sort((a, b) => a.dueAt - b.dueAt);
}

/**
 * Ids overdue at `now`, as a stable string key: it only changes when a deadline passes or the
 * deadlines change, so a clock subscription with this selector re-renders rarely.
 */
export function overdueKeyAt(deadlines: readonly Deadline[], now: number): string {
  const ids: string[] = [];
  for (const d of deadlines) {
    if (d.dueAt >= now) break;
    ids.push(d.id);
  }
  return ids.sort().join('\n');
}

import type { IncidentEvent } from '../domain/events';
import { isKnownEvent } from '../domain/events';
import type { IncidentState } from '../domain/incident';
import { STATUS_LABELS } from '../domain/lifecycle';
import type { Priority } from '../domain/priority';
import { roleLabel } from '../domain/vocabulary';

export type TickerKind = 'created' | 'status' | 'priority' | 'role' | 'major';

/** A significant change, for the board's ticker. */
export interface TickerItem {
  /** The event id. */
  key: string;
  kind: TickerKind;
  incidentId: string;
  /** The incident's priority right after the change. */
  priority: Priority;
  at: string;
  /** `at` as epoch ms (parsed once). */
  atMs: number;
  text: string;
}

const cache = new WeakMap<IncidentState, TickerItem[]>();

/** Significant changes of one incident, oldest first: creation, status and priority changes, role handovers, major declarations. */
export function significantEvents(incident: IncidentState): TickerItem[] {
  const hit = cache.get(incident);
  if (hit) return hit;
  const out: TickerItem[] = [];
  let priority: Priority = incident.priority;
  let major = false;
  for (const raw of incident.timeline) {
    if (!isKnownEvent(raw)) continue;
    const e = raw as IncidentEvent;
    const item = (kind: TickerKind, text: string) =>
      out.push({ key: e.id, kind, incidentId: incident.id, priority, at: e.recordedAt, atMs: Date.parse(e.recordedAt), text });
    switch (e.type) {
      case 'incident.created':
        priority = e.data.priority;
        major = e.data.major;
        item('created', `New ${e.data.priority}${e.data.major ? ' major incident' : ''}${e.data.exercise ? ' (exercise)' : ''}: ${e.data.title}`);
        break;
      case 'incident.priorityChanged': {
        const from = priority;
        priority = e.data.priority;
        if (from !== e.data.priority) item('priority', `${e.data.priority < from ? 'Raised' : 'Lowered'} ${from} → ${e.data.priority}`);
        break;
      }
      case 'incident.statusChanged':
        item('status', `${STATUS_LABELS[e.data.from]} → ${STATUS_LABELS[e.data.to]}`);
        break;
      case 'role.assigned':
        item(
          'role',
          e.data.previous
            ? `${roleLabel(e.data.role)} handover: ${e.data.previous} → ${e.data.person}`
            : `${roleLabel(e.data.role)}: ${e.data.person}`,
        );
        break;
      case 'incident.fieldsChanged':
        // Only real changes: older journals carry `major: false` on unrelated field edits.
        if (typeof e.data.fields.major === 'boolean' && e.data.fields.major !== major) {
          major = e.data.fields.major;
          item('major', major ? 'Declared a major incident' : 'No longer a major incident');
        }
        break;
      default:
        break;
    }
  }
  cache.set(incident, out);
  return out;
}

/** Newest first; ties by key, descending (incident changes and critical alerts alike). */
export function newerFirst(a: { atMs: number; key: string }, b: { atMs: number; key: string }): number {
  return a.atMs === b.atMs ? (a.key < b.key ? 1 : a.key > b.key ? -1 : 0) : b.atMs - a.atMs;
}

/**
 * The newest significant changes across incidents, newest first. Keeps only the best `limit`
 * while scanning (the board calls this on every incident change, over hundreds of incidents).
 */
export function latestSignificant(incidents: Iterable<IncidentState>, limit = 8): TickerItem[] {
  const best: TickerItem[] = [];
  if (limit <= 0) return best;
  for (const i of incidents) {
    const events = significantEvents(i);
    // an incident's own newest `limit` (in timeline order) are its candidates
    for (let k = events.length - 1; k >= 0 && k >= events.length - limit; k--) {
      const item = events[k]!;
      if (best.length === limit && newerFirst(item, best[limit - 1]!) >= 0) continue;
      let at = best.length;
      while (at > 0 && newerFirst(item, best[at - 1]!) < 0) at--;
      best.splice(at, 0, item);
      if (best.length > limit) best.pop();
    }
  }
  return best;
}

/**
 * Notifications derived from an incident's timeline. Pure; cached per incident snapshot. Every
 * host derives the same list from the same events, so the notification centre needs no storage of
 * its own beyond acknowledgements.
 */
import { isKnownEvent, type IncidentEvent } from '../domain/events';
import type { IncidentState } from '../domain/incident';
import type { Priority } from '../domain/priority';
import { roleLabel } from '../domain/vocabulary';
import { SLA_TARGET_LABELS, type SlaTarget } from '../sla/policy';
import type { Notification } from './model';

/** Derived notifications without the per-operator acknowledged flag. */
export type DerivedNotification = Omit<Notification, 'acknowledged'>;

/** "update cadence", "acknowledge target": what a breach or warning is about, in a sentence. */
export const TARGET_PHRASES: Record<SlaTarget, string> = {
  acknowledge: 'acknowledge target',
  firstUpdate: 'first-update target',
  update: 'update cadence',
  mitigate: 'mitigation target',
  resolve: 'resolution target',
};

const quote = (s: string) => `“${s}”`;
const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

const cache = new WeakMap<IncidentState, DerivedNotification[]>();

/** The incident's notifications in timeline order. */
export function notificationsOf(incident: IncidentState): DerivedNotification[] {
  let hit = cache.get(incident);
  if (!hit) {
    hit = derive(incident);
    cache.set(incident, hit);
  }
  return hit;
}

function derive(incident: IncidentState): DerivedNotification[] {
  const out: DerivedNotification[] = [];
  let priority: Priority | undefined;
  const tasks = new Map<string, string>();
  const base = (e: IncidentEvent, at: string, p: Priority = incident.priority) => ({ id: e.id, incidentId: incident.id, priority: p, at, assignee: null, target: null });
  for (const raw of incident.timeline) {
    if (!isKnownEvent(raw)) continue;
    const e = raw as IncidentEvent;
    switch (e.type) {
      case 'incident.created':
        if (priority !== undefined) break; // a clashing second create changes nothing
        priority = e.data.priority;
        if (e.data.priority === 'P1')
          out.push({ ...base(e, e.recordedAt, 'P1'), kind: 'incident.p1', title: `P1 incident ${incident.id}`, body: e.data.title });
        break;
      case 'incident.priorityChanged': {
        const before = priority;
        priority = e.data.priority;
        if (e.data.priority === 'P1' && before !== 'P1')
          out.push({ ...base(e, e.recordedAt, 'P1'), kind: 'incident.p1', title: `${incident.id} raised to P1`, body: `${incident.title}${e.data.reason ? ` — ${e.data.reason}` : ''}` });
        break;
      }
      case 'sla.warning':
        out.push({
          ...base(e, e.data.at, e.data.priority),
          kind: 'sla.warning',
          target: e.data.target,
          title: `${incident.id}: ${SLA_TARGET_LABELS[e.data.target]} ${e.data.level}% used`,
          body: `${incident.title} — ${TARGET_PHRASES[e.data.target]} close to breaching`,
        });
        break;
      case 'sla.breached':
        out.push({
          ...base(e, e.data.breachedAt, e.data.priority),
          kind: 'sla.breached',
          target: e.data.target,
          title: `${incident.id}: ${TARGET_PHRASES[e.data.target]} breached`,
          body: `${incident.title} — ${e.data.priority} target of ${e.data.targetMinutes} min`,
        });
        break;
      case 'escalation.raised':
        out.push({
          ...base(e, e.data.automatic && e.data.dueAt ? e.data.dueAt : e.recordedAt),
          kind: 'escalation.raised',
          title: `${incident.id} escalated to level ${e.data.level}${e.data.name ? ` (${e.data.name})` : ''}`,
          body: [incident.title, e.data.notify.length ? `Notify: ${e.data.notify.map((r) => r.name).join(', ')}` : '', e.data.reason ? `Reason: ${e.data.reason}` : '']
            .filter(Boolean)
            .join(' — '),
        });
        break;
      case 'role.assigned':
        if (!same(e.actor, e.data.person))
          out.push({ ...base(e, e.recordedAt), kind: 'assigned', assignee: e.data.person, title: `${incident.id}: you are ${roleLabel(e.data.role)}`, body: `${incident.title} — assigned by ${e.actor}` });
        break;
      case 'responder.joined':
        if (!same(e.actor, e.data.person))
          out.push({ ...base(e, e.recordedAt), kind: 'assigned', assignee: e.data.person, title: `${incident.id}: you were added as a responder`, body: `${incident.title} — added by ${e.actor}` });
        break;
      case 'task.added':
        tasks.set(e.data.taskId, e.data.title);
        if (e.data.owner && !same(e.actor, e.data.owner))
          out.push({ ...base(e, e.recordedAt), kind: 'assigned', assignee: e.data.owner, title: `${incident.id}: task ${quote(e.data.title)} is yours`, body: `${incident.title} — from ${e.actor}` });
        break;
      case 'task.updated':
        if (e.data.owner && !same(e.actor, e.data.owner)) {
          const title = tasks.get(e.data.taskId);
          out.push({ ...base(e, e.recordedAt), kind: 'assigned', assignee: e.data.owner, title: `${incident.id}: ${title ? `task ${quote(title)}` : 'a task'} is yours`, body: `${incident.title} — from ${e.actor}` });
        }
        break;
      default:
        break;
    }
  }
  return out;
}

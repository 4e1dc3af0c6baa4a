import type { EventEnvelope, IncidentEvent } from './events';
import { compareEvents, isKnownEvent } from './events';
import type { IncidentState } from './incident';
import type { Milestone } from './vocabulary';

/** Milestones that a status change stamps the first time it happens. */
const MILESTONE_OF_STATUS: Partial<Record<string, Milestone>> = {
  acknowledged: 'acknowledged',
  mitigated: 'mitigated',
  resolved: 'resolved',
  closed: 'closed',
};

function created(e: Extract<IncidentEvent, { type: 'incident.created' }>): IncidentState {
  const d = e.data;
  return {
    id: e.stream,
    title: d.title,
    description: d.description,
    category: d.category,
    services: d.services,
    reporter: d.reporter,
    source: d.source,
    tags: d.tags,
    exercise: d.exercise,
    major: d.major,
    impact: d.impact,
    urgency: d.urgency,
    priorityOverride: null,
    priority: d.priority,
    status: 'new',
    heldFrom: null,
    resolution: null,
    review: null,
    milestones: { detected: e.recordedAt, reported: e.recordedAt },
    roles: {},
    responders: [],
    tasks: [],
    relations: [],
    entries: [],
    createdAt: e.recordedAt,
    createdBy: e.actor,
    updatedAt: e.recordedAt,
    version: e.hlc,
    timeline: [],
  };
}

function applyKnown(s: IncidentState, e: IncidentEvent): IncidentState {
  switch (e.type) {
    case 'incident.created':
      return s; // a second create for the same stream (id clash) changes nothing; it stays visible on the timeline
    case 'incident.fieldsChanged':
      return { ...s, ...e.data.fields };
    case 'incident.priorityChanged':
      return { ...s, impact: e.data.impact, urgency: e.data.urgency, priorityOverride: e.data.override, priority: e.data.priority };
    case 'incident.statusChanged': {
      const { to } = e.data;
      const milestone = MILESTONE_OF_STATUS[to];
      const milestones = milestone && !s.milestones[milestone] ? { ...s.milestones, [milestone]: e.recordedAt } : s.milestones;
      return {
        ...s,
        status: to,
        heldFrom: to === 'on_hold' ? s.status : null,
        resolution: e.data.resolution ?? (to === 'investigating' ? null : s.resolution),
        milestones,
        relations:
          to === 'cancelled' && e.data.link && !s.relations.some((r) => r.kind === 'duplicate_of' && r.target === e.data.link)
            ? [...s.relations, { kind: 'duplicate_of', target: e.data.link, note: e.data.reason }]
            : s.relations,
      };
    }
    case 'incident.milestoneSet': {
      const milestones = { ...s.milestones };
      if (e.data.at) milestones[e.data.milestone] = e.data.at;
      else delete milestones[e.data.milestone];
      return { ...s, milestones };
    }
    case 'incident.reviewRecorded':
      return { ...s, review: { outcome: e.data.outcome, reason: e.data.reason } };
    case 'role.assigned':
      return { ...s, roles: { ...s.roles, [e.data.role]: e.data.person } };
    case 'role.released': {
      if (s.roles[e.data.role] !== e.data.person) return s;
      const roles = { ...s.roles };
      delete roles[e.data.role];
      return { ...s, roles };
    }
    case 'responder.joined':
      if (s.responders.some((r) => r.person === e.data.person && !r.leftAt)) return s;
      return { ...s, responders: [...s.responders, { person: e.data.person, team: e.data.team, joinedAt: e.recordedAt, leftAt: null }] };
    case 'responder.left':
      return {
        ...s,
        responders: s.responders.map((r) => (r.person === e.data.person && !r.leftAt ? { ...r, leftAt: e.recordedAt } : r)),
      };
    case 'task.added':
      if (s.tasks.some((t) => t.taskId === e.data.taskId)) return s;
      return {
        ...s,
        tasks: [
          ...s.tasks,
          {
            taskId: e.data.taskId,
            title: e.data.title,
            owner: e.data.owner,
            due: e.data.due,
            status: 'open',
            checklist: e.data.checklist.map((c) => ({ ...c, done: false })),
            createdAt: e.recordedAt,
          },
        ],
      };
    case 'task.updated': {
      const { taskId, ...changes } = e.data;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      return { ...s, tasks: s.tasks.map((t) => (t.taskId === taskId ? { ...t, ...defined } : t)) };
    }
    case 'task.checklistToggled':
      return {
        ...s,
        tasks: s.tasks.map((t) =>
          t.taskId === e.data.taskId
            ? { ...t, checklist: t.checklist.map((c) => (c.itemId === e.data.itemId ? { ...c, done: e.data.done } : c)) }
            : t,
        ),
      };
    case 'relation.added':
      if (s.relations.some((r) => r.kind === e.data.kind && r.target === e.data.target)) return s;
      return { ...s, relations: [...s.relations, { kind: e.data.kind, target: e.data.target, note: e.data.note }] };
    case 'relation.removed':
      return { ...s, relations: s.relations.filter((r) => !(r.kind === e.data.kind && r.target === e.data.target)) };
    case 'sla.warning':
    case 'sla.breached':
    case 'escalation.raised':
    case 'escalation.lowered':
      return s; // read from the timeline by the SLA engine; no field of the incident changes
    case 'alert.received':
    case 'alert.dismissed':
    case 'alert.restored':
    case 'alert.attached':
    case 'alert.detached':
    case 'alert.incidentCreated':
      return s; // alert-stream events; folded into the inbox, not into incidents
    case 'entry.added': {
      if (s.entries.some((x) => x.entryId === e.data.entryId)) return s;
      const entry = {
        entryId: e.data.entryId,
        eventId: e.id,
        kind: e.data.kind,
        text: e.data.text,
        author: e.actor,
        recordedAt: e.recordedAt,
        occurredAt: e.data.occurredAt ?? e.recordedAt,
        backdated: e.data.occurredAt !== null,
        corrects: e.data.corrects,
        correctedBy: null,
      };
      const entries = e.data.corrects
        ? s.entries.map((x) => (x.entryId === e.data.corrects && !x.correctedBy ? { ...x, correctedBy: entry.entryId } : x))
        : s.entries;
      return { ...s, entries: [...entries, entry] };
    }
  }
}

/** Folds one event into an incident's state; `known` is false for events of a newer app version. */
export function applyEvent(state: IncidentState | undefined, event: EventEnvelope, known = true): IncidentState | undefined {
  let next: IncidentState | undefined;
  if (!state) {
    if (!known || event.type !== 'incident.created') return undefined; // nothing to attach to (yet)
    next = created(event as Extract<IncidentEvent, { type: 'incident.created' }>);
  } else {
    next = known ? applyKnown(state, event as IncidentEvent) : state;
  }
  const occurred = event.recordedAt > next.updatedAt ? event.recordedAt : next.updatedAt;
  return { ...next, updatedAt: occurred, version: event.hlc > next.version ? event.hlc : next.version, timeline: [...next.timeline, event] };
}

/**
 * The pure fold: same events, any arrival order → same state. Copies sharing an event id (the
 * same event delivered twice, or two hosts recording one deterministic SLA event) count once: the
 * copy that sorts first wins, whichever arrived first.
 */
export function foldIncident(events: readonly EventEnvelope[]): IncidentState | undefined {
  const seen = new Set<string>();
  return [...events]
    .sort(compareEvents)
    .filter((e) => !seen.has(e.id) && seen.add(e.id))
    .reduce<IncidentState | undefined>((s, e) => applyEvent(s, e, isKnownEvent(e)), undefined);
}

/**
 * Adds one event to a folded state. In-order arrivals append cheaply; an event that sorts before
 * the newest one already folded (another writer's, delivered late), or a copy of a folded event
 * that sorts before it, refolds the incident.
 */
export function foldInto(state: IncidentState | undefined, event: EventEnvelope, pending: readonly EventEnvelope[] = []): IncidentState | undefined {
  const existing = state?.timeline.find((e) => e.id === event.id);
  if (existing && compareEvents(existing, event) <= 0) return state;
  const last = state?.timeline[state.timeline.length - 1];
  if (!existing && state && last && compareEvents(last, event) < 0 && pending.length === 0) return applyEvent(state, event, isKnownEvent(event));
  return foldIncident([...(state?.timeline ?? []), ...pending, event]);
}

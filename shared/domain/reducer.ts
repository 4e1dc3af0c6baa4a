import type { EventEnvelope, IncidentEvent } from './events';
import { compareEvents, CURRENT_EVENT_VERSION, EventPayloads, isKnownEvent } from './events';
import { conflictsOf } from './conflicts';
import type { IncidentState } from './incident';
import type { Milestone } from './vocabulary';

/** Raise when folding the same events gives a different state than before (a rule of the fold changed). */
const REDUCER_REVISION = 1;

/**
 * What a folded state depends on besides its events: the fold's rules, and which event types and
 * versions this app understands (an event it does not know is kept but changes nothing). A state
 * folded elsewhere (a checkpoint on the share) is used only if its fold version equals this one.
 */
export const FOLD_VERSION = `fold ${REDUCER_REVISION}; events v${CURRENT_EVENT_VERSION}: ${Object.keys(EventPayloads).sort().join(' ')}`;

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
    conflicts: [],
  };
}

/** The containers a fold changes in place once it owns them (its own copy). */
type Container = 'milestones' | 'roles' | 'responders' | 'tasks' | 'relations' | 'entries' | 'timeline' | 'conflicts';

/**
 * A state being folded. A folded state may be held elsewhere (subscribers, the previous version
 * kept for comparison), so a container is copied the first time a fold writes to it and changed
 * in place after that: folding n events costs O(n), not O(n²) as copying per event would. Element
 * objects (tasks, entries, …) are never changed in place, only replaced.
 */
class Draft {
  private readonly owned = new Set<Container>();
  private entryChecks = 0;

  /** `entryIds`: the ids of `s.entries`, if known (kept up to date as entries are added). */
  constructor(
    readonly s: IncidentState,
    ownsAll = false,
    private entryIds?: Set<string>,
  ) {
    if (ownsAll) for (const k of CONTAINERS) this.owned.add(k);
  }

  own<K extends Container>(k: K): IncidentState[K] {
    if (!this.owned.has(k)) {
      const v = this.s[k];
      this.s[k] = (Array.isArray(v) ? v.slice() : { ...v }) as IncidentState[K];
      this.owned.add(k);
    }
    return this.s[k];
  }

  /**
   * Whether an entry with this id is folded in. A draft that folds many entries (a batch) indexes
   * them once, instead of scanning the list for each; one event alone just scans.
   */
  hasEntry(entryId: string): boolean {
    if (!this.entryIds) {
      if (++this.entryChecks < 2 || this.s.entries.length < 32) return this.s.entries.some((x) => x.entryId === entryId);
      this.entryIds = new Set(this.s.entries.map((x) => x.entryId));
    }
    return this.entryIds.has(entryId);
  }

  addEntry(entry: IncidentState['entries'][number]): void {
    this.own('entries').push(entry);
    this.entryIds?.add(entry.entryId);
  }

  /** Sets a container to a value built for it (e.g. by filter). */
  replace<K extends Container>(k: K, v: IncidentState[K]): void {
    this.s[k] = v;
    this.owned.add(k);
  }
}

const CONTAINERS: readonly Container[] = ['milestones', 'roles', 'responders', 'tasks', 'relations', 'entries', 'timeline', 'conflicts'];

function applyKnown(d: Draft, e: IncidentEvent): void {
  const s = d.s;
  const conflicts = conflictsOf(s, e); // read before the event changes s: what it overrides
  if (conflicts.length) d.own('conflicts').push(...conflicts);
  switch (e.type) {
    case 'incident.created':
      return; // a second create for the same stream (id clash) changes nothing; it stays visible on the timeline
    case 'incident.fieldsChanged':
      Object.assign(s, e.data.fields);
      return;
    case 'incident.priorityChanged':
      s.impact = e.data.impact;
      s.urgency = e.data.urgency;
      s.priorityOverride = e.data.override;
      s.priority = e.data.priority;
      return;
    case 'incident.statusChanged': {
      const { to } = e.data;
      const milestone = MILESTONE_OF_STATUS[to];
      if (milestone && !s.milestones[milestone]) d.own('milestones')[milestone] = e.recordedAt;
      s.heldFrom = to === 'on_hold' ? s.status : null;
      s.status = to;
      s.resolution = e.data.resolution ?? (to === 'investigating' ? null : s.resolution);
      if (to === 'cancelled' && e.data.link && !s.relations.some((r) => r.kind === 'duplicate_of' && r.target === e.data.link)) {
        d.own('relations').push({ kind: 'duplicate_of', target: e.data.link, note: e.data.reason });
      }
      return;
    }
    case 'incident.milestoneSet': {
      const milestones = d.own('milestones');
      if (e.data.at) milestones[e.data.milestone] = e.data.at;
      else delete milestones[e.data.milestone];
      return;
    }
    case 'incident.reviewRecorded':
      s.review = { outcome: e.data.outcome, reason: e.data.reason };
      return;
    case 'role.assigned':
      d.own('roles')[e.data.role] = e.data.person;
      return;
    case 'role.released':
      if (s.roles[e.data.role] === e.data.person) delete d.own('roles')[e.data.role];
      return;
    case 'responder.joined':
      if (s.responders.some((r) => r.person === e.data.person && !r.leftAt)) return;
      d.own('responders').push({ person: e.data.person, team: e.data.team, joinedAt: e.recordedAt, leftAt: null });
      return;
    case 'responder.left': {
      const i = s.responders.findIndex((r) => r.person === e.data.person && !r.leftAt);
      if (i < 0) return;
      const responders = d.own('responders');
      for (let k = i; k < responders.length; k++) {
        const r = responders[k]!;
        if (r.person === e.data.person && !r.leftAt) responders[k] = { ...r, leftAt: e.recordedAt };
      }
      return;
    }
    case 'task.added':
      if (s.tasks.some((t) => t.taskId === e.data.taskId)) return;
      d.own('tasks').push({
        taskId: e.data.taskId,
        title: e.data.title,
        owner: e.data.owner,
        due: e.data.due,
        status: 'open',
        checklist: e.data.checklist.map((c) => ({ ...c, done: false })),
        createdAt: e.recordedAt,
      });
      return;
    case 'task.updated': {
      const { taskId, ...changes } = e.data;
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      replaceWhere(d, 'tasks', (t) => t.taskId === taskId, (t) => ({ ...t, ...defined }));
      return;
    }
    case 'task.checklistToggled':
      replaceWhere(
        d,
        'tasks',
        (t) => t.taskId === e.data.taskId,
        (t) => ({ ...t, checklist: t.checklist.map((c) => (c.itemId === e.data.itemId ? { ...c, done: e.data.done } : c)) }),
      );
      return;
    case 'relation.added':
      if (s.relations.some((r) => r.kind === e.data.kind && r.target === e.data.target)) return;
      d.own('relations').push({ kind: e.data.kind, target: e.data.target, note: e.data.note });
      return;
    case 'relation.removed':
      d.replace('relations', s.relations.filter((r) => !(r.kind === e.data.kind && r.target === e.data.target)));
      return;
    case 'sla.warning':
    case 'sla.breached':
    case 'escalation.raised':
    case 'escalation.lowered':
      return; // read from the timeline by the SLA engine; no field of the incident changes
    case 'alert.received':
    case 'alert.dismissed':
    case 'alert.restored':
    case 'alert.attached':
    case 'alert.detached':
    case 'alert.incidentCreated':
      return; // alert-stream events; folded into the inbox, not into incidents
    case 'org.slaPolicy.published':
    case 'org.escalationPolicy.published':
    case 'org.directory.published':
    case 'org.templates.published':
    case 'org.priorityMatrix.published':
    case 'org.lifecycle.published':
      return; // org-stream events; folded into the organisation's data, not into incidents
    case 'entry.added': {
      if (d.hasEntry(e.data.entryId)) return;
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
      const corrects = e.data.corrects;
      if (corrects) replaceWhere(d, 'entries', (x) => x.entryId === corrects && !x.correctedBy, (x) => ({ ...x, correctedBy: entry.entryId }));
      d.addEntry(entry);
      return;
    }
    default:
      return e satisfies never; // a new event type must say what it does to an incident
  }
}

/** Replaces the elements of an array container that match (copying the container once, if any match). */
function replaceWhere<K extends 'tasks' | 'entries'>(d: Draft, k: K, match: (x: IncidentState[K][number]) => boolean, next: (x: IncidentState[K][number]) => IncidentState[K][number]): void {
  const first = (d.s[k] as Array<IncidentState[K][number]>).findIndex(match);
  if (first < 0) return;
  const list = d.own(k) as Array<IncidentState[K][number]>;
  for (let i = first; i < list.length; i++) if (match(list[i]!)) list[i] = next(list[i]!);
}

/** Folds one event into a draft (or starts one from a creation); undefined while there is nothing to attach to. */
function step(d: Draft | undefined, event: EventEnvelope, known: boolean): Draft | undefined {
  if (!d) {
    if (!known || event.type !== 'incident.created') return undefined; // nothing to attach to (yet)
    d = new Draft(created(event as Extract<IncidentEvent, { type: 'incident.created' }>), true);
  } else if (known) applyKnown(d, event as IncidentEvent);
  const s = d.s;
  if (event.recordedAt > s.updatedAt) s.updatedAt = event.recordedAt;
  if (event.hlc > s.version) s.version = event.hlc;
  d.own('timeline').push(event);
  return d;
}

/** Folds one event into an incident's state (a new object; `state` is not changed); `known` is false for events of a newer app version. */
export function applyEvent(state: IncidentState | undefined, event: EventEnvelope, known = true): IncidentState | undefined {
  return step(state && new Draft({ ...state }), event, known)?.s;
}

/** Sorts and drops later-sorting copies of an event id. */
function inFoldOrder(events: readonly EventEnvelope[]): EventEnvelope[] {
  const seen = new Set<string>();
  return [...events].sort(compareEvents).filter((e) => !seen.has(e.id) && seen.add(e.id));
}

/**
 * The pure fold: same events, any arrival order → same state. Copies sharing an event id (the
 * same event delivered twice, or two hosts recording one deterministic SLA event) count once: the
 * copy that sorts first wins, whichever arrived first.
 */
export function foldIncident(events: readonly EventEnvelope[]): IncidentState | undefined {
  let d: Draft | undefined;
  for (const e of inFoldOrder(events)) d = step(d, e, isKnownEvent(e));
  return d?.s;
}

/**
 * The ids a folded state holds (timeline events, entries), so adding an event to a long incident
 * does not look at every event and entry it already has. Kept beside the state, not in it (states
 * are plain data sent to clients); handed on to the state that follows when an event is appended
 * (a state is normally extended once, by its successor), rebuilt when an older state is extended.
 */
interface FoldIndex {
  events: Set<string>;
  entries: Set<string>;
}

const indexes = new WeakMap<IncidentState, FoldIndex>();

function takeIndex(s: IncidentState): FoldIndex {
  const index = indexes.get(s);
  if (!index) return { events: new Set(s.timeline.map((e) => e.id)), entries: new Set(s.entries.map((x) => x.entryId)) };
  indexes.delete(s);
  return index;
}

/** Appends events that sort after everything in `state` and are not in it; the index moves to the result. */
function append(state: IncidentState, index: FoldIndex, events: readonly EventEnvelope[]): IncidentState {
  let d: Draft | undefined = new Draft({ ...state }, false, index.entries);
  for (const e of events) {
    d = step(d, e, isKnownEvent(e));
    index.events.add(e.id);
  }
  indexes.set(d!.s, index);
  return d!.s;
}

/**
 * Adds one event to a folded state. In-order arrivals append cheaply; an event that sorts before
 * the newest one already folded (another writer's, delivered late), or a copy of a folded event
 * that sorts before it, refolds the incident.
 */
export function foldInto(state: IncidentState | undefined, event: EventEnvelope, pending: readonly EventEnvelope[] = []): IncidentState | undefined {
  if (!state || pending.length) return foldIncident([...(state?.timeline ?? []), ...pending, event]);
  const index = takeIndex(state);
  const last = state.timeline[state.timeline.length - 1];
  if (!index.events.has(event.id) && last && compareEvents(last, event) < 0) return append(state, index, [event]);
  indexes.set(state, index); // unchanged: still this state's
  const existing = state.timeline.find((e) => e.id === event.id);
  if (existing && compareEvents(existing, event) <= 0) return state;
  return foldIncident([...state.timeline, event]);
}

/**
 * foldInto for many events of one incident at once (a load, a batch from another PC): the same
 * result as adding them one by one, in one pass. Events that all sort after the folded ones and
 * are new are appended (the state is copied once); anything else refolds the incident once.
 */
export function foldManyInto(state: IncidentState | undefined, events: readonly EventEnvelope[], pending: readonly EventEnvelope[] = []): IncidentState | undefined {
  if (events.length === 0 && pending.length === 0) return state;
  if (events.length === 1) return foldInto(state, events[0]!, pending);
  if (!state || pending.length) return foldIncident([...(state?.timeline ?? []), ...pending, ...events]);
  const fresh = inFoldOrder(events);
  const index = takeIndex(state);
  const last = state.timeline[state.timeline.length - 1];
  if (last && compareEvents(last, fresh[0]!) < 0 && fresh.every((e) => !index.events.has(e.id))) return append(state, index, fresh);
  indexes.set(state, index);
  return foldIncident([...state.timeline, ...events]);
}

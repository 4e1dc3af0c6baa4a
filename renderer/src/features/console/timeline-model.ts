import { isKnownEvent, type EventEnvelope } from '../../../../shared/domain/events';
import type { EntryState, IncidentState } from '../../../../shared/domain/incident';
import type { Priority } from '../../../../shared/domain/priority';
import type { EntryKind } from '../../../../shared/domain/vocabulary';
import { describeConflict, type ConflictContext } from './conflict-sentence';
import { describeEvent, type SentenceContext } from './timeline-sentence';

/** One version of a manual entry; corrections append versions, the last one is current. */
export interface EntryVersion {
  entryId: string;
  text: string;
  author: string;
  recordedAt: string;
}

export type TimelineItem =
  | {
      type: 'change';
      key: string;
      /** When it happened (sort key). */
      at: string;
      actor: string;
      eventType: string;
      text: string;
      detail?: string;
      unknown: boolean;
      /** Concurrent changes this one overrode, as sentences (shared/domain/conflicts.ts). */
      conflicts?: string[];
    }
  | {
      type: 'entry';
      key: string;
      at: string;
      recordedAt: string;
      backdated: boolean;
      actor: string;
      kind: EntryKind;
      /** Original first; more than one means the entry was corrected. */
      versions: EntryVersion[];
    };

export type TimelineKindFilter = 'all' | 'changes' | EntryKind;

export interface TimelineFilters {
  kind: TimelineKindFilter;
  /** Author of the entry or change; '' = everyone. */
  person: string;
}

export const DEFAULT_TIMELINE_FILTERS: TimelineFilters = { kind: 'all', person: '' };

function versionsOf(entry: EntryState, byId: ReadonlyMap<string, EntryState>): EntryVersion[] {
  const out: EntryVersion[] = [];
  const seen = new Set<string>();
  let cur: EntryState | undefined = entry;
  while (cur && !seen.has(cur.entryId)) {
    seen.add(cur.entryId);
    out.push({ entryId: cur.entryId, text: cur.text, author: cur.author, recordedAt: cur.recordedAt });
    cur = cur.correctedBy ? byId.get(cur.correctedBy) : undefined;
  }
  return out;
}

function priorityAfter(e: EventEnvelope, before: Priority | undefined): Priority | undefined {
  if (!isKnownEvent(e)) return before;
  if (e.type === 'incident.created' || e.type === 'incident.priorityChanged') return (e.data as { priority: Priority }).priority;
  return before;
}

/**
 * The incident's timeline as readable items, oldest first by when things happened: every event
 * as a sentence, manual entries with their kind; a correction folds into the entry it corrects,
 * and a backdated entry sorts at its occurred-at time (showing both times).
 */
export function buildTimeline(
  state: Pick<IncidentState, 'timeline' | 'entries' | 'tasks' | 'conflicts'>,
  time: SentenceContext['time'],
  writerName: ConflictContext['writerName'] = () => undefined,
): TimelineItem[] {
  const entriesById = new Map(state.entries.map((e) => [e.entryId, e]));
  const conflictsByEvent = new Map<string, string[]>();
  for (const c of state.conflicts) {
    conflictsByEvent.set(c.eventId, [...(conflictsByEvent.get(c.eventId) ?? []), describeConflict(c, { time, writerName })]);
  }
  const items: TimelineItem[] = [];
  let priority: Priority | undefined;
  for (const e of state.timeline) {
    if (e.type === 'entry.added' && isKnownEvent(e)) {
      const entryId = (e.data as { entryId: string }).entryId;
      const entry = entriesById.get(entryId);
      // Corrections render beside the entry they correct; a duplicate event (same entry) once.
      if (entry && !entry.corrects && entry.eventId === e.id) {
        items.push({
          type: 'entry',
          key: e.id,
          at: entry.occurredAt,
          recordedAt: entry.recordedAt,
          backdated: entry.backdated,
          actor: entry.author,
          kind: entry.kind,
          versions: versionsOf(entry, entriesById),
        });
      }
      continue;
    }
    const sentence = describeEvent(e, { time, tasks: state.tasks, previousPriority: priority });
    priority = priorityAfter(e, priority);
    const conflicts = conflictsByEvent.get(e.id);
    items.push({
      type: 'change',
      key: e.id,
      at: e.recordedAt,
      actor: e.actor,
      eventType: e.type,
      text: sentence.text,
      ...(sentence.detail ? { detail: sentence.detail } : {}),
      unknown: !isKnownEvent(e),
      ...(conflicts ? { conflicts } : {}),
    });
  }
  // Stable sort by when it happened: backdated entries move to their place.
  return items
    .map((item, index) => ({ item, index, t: Date.parse(item.at) }))
    .sort((a, b) => a.t - b.t || a.index - b.index)
    .map((x) => x.item);
}

export function matchesTimelineFilters(item: TimelineItem, f: TimelineFilters): boolean {
  if (f.person && item.actor !== f.person && !(item.type === 'entry' && item.versions.some((v) => v.author === f.person))) return false;
  if (f.kind === 'all') return true;
  if (f.kind === 'changes') return item.type === 'change';
  return item.type === 'entry' && item.kind === f.kind;
}

export function filterTimeline(items: readonly TimelineItem[], f: TimelineFilters): TimelineItem[] {
  return items.filter((i) => matchesTimelineFilters(i, f));
}

/** Everyone who wrote or changed something, for the person filter. */
export function timelinePeople(items: readonly TimelineItem[]): string[] {
  const people = new Set<string>();
  for (const i of items) {
    people.add(i.actor);
    if (i.type === 'entry') i.versions.forEach((v) => people.add(v.author));
  }
  return [...people].sort((a, b) => a.localeCompare(b));
}

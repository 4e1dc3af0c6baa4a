import type { EntryKind } from '../domain/vocabulary';
import type { EntryState, IncidentState } from '../domain/incident';
import type { Priority } from '../domain/priority';

/** When the impact started: the milestone when recorded, otherwise when the incident was created. */
export function impactStartedAt(incident: IncidentState): string {
  return incident.milestones.impactStarted ?? incident.createdAt;
}

/** A timeline entry as the board shows it: the original's time, the latest correction's text. */
export interface ShownEntry {
  entryId: string;
  kind: EntryKind;
  text: string;
  author: string;
  /** When it happened (the original entry's occurredAt). */
  at: string;
}

function shown(incident: IncidentState, original: EntryState): ShownEntry {
  let current = original;
  const seen = new Set<string>();
  while (current.correctedBy && !seen.has(current.entryId)) {
    seen.add(current.entryId);
    const next = incident.entries.find((e) => e.entryId === current.correctedBy);
    if (!next) break;
    current = next;
  }
  return { entryId: original.entryId, kind: original.kind, text: current.text, author: original.author, at: original.occurredAt };
}

/** Original entries (corrections fold into them), newest first by when they happened. */
export function latestEntries(incident: IncidentState, limit = Infinity, kind?: EntryKind): ShownEntry[] {
  const originals = incident.entries.filter((e) => e.corrects === null && (!kind || e.kind === kind));
  originals.sort((a, b) => (a.occurredAt === b.occurredAt ? cmp(b.recordedAt, a.recordedAt) : cmp(b.occurredAt, a.occurredAt)));
  return originals.slice(0, limit).map((e) => shown(incident, e));
}

function cmp(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

/** Incidents are immutable snapshots (a change makes a new object), so derived facts cache by identity. */
const updateCache = new WeakMap<IncidentState, ShownEntry | null>();

/** The latest stakeholder update (entry of kind status_update). */
export function latestStakeholderUpdate(incident: IncidentState): ShownEntry | undefined {
  let hit = updateCache.get(incident);
  if (hit === undefined) {
    hit = latestEntries(incident, 1, 'status_update')[0] ?? null;
    updateCache.set(incident, hit);
  }
  return hit ?? undefined;
}

/** What a tile shows as "latest": the latest stakeholder update, else the latest timeline entry. */
export function headlineEntry(incident: IncidentState): ShownEntry | undefined {
  return latestStakeholderUpdate(incident) ?? latestEntries(incident, 1)[0];
}

/**
 * When stakeholders last heard about the incident: the latest status update, or the incident's
 * creation when none was sent yet (the cadence clock starts at declaration).
 */
export function lastUpdateAt(incident: IncidentState): string {
  return latestStakeholderUpdate(incident)?.at ?? incident.createdAt;
}

/**
 * When the incident last became `priority` (created with it or raised/lowered to it), from the
 * timeline; undefined when it does not have that priority now.
 */
export function becamePriorityAt(incident: IncidentState, priority: Priority): string | undefined {
  if (incident.priority !== priority) return undefined;
  let current: Priority | undefined;
  let since: string | undefined;
  for (const e of incident.timeline) {
    const data = e.data as { priority?: Priority } | undefined;
    if ((e.type === 'incident.created' || e.type === 'incident.priorityChanged') && data?.priority) {
      if (data.priority === priority && current !== priority) since = e.recordedAt;
      current = data.priority;
    }
  }
  return since ?? incident.createdAt;
}

import { z } from 'zod';
import type { Level, PriorityMatrix } from '../../../shared/domain/priority';
import type { EntryKind, Source } from '../../../shared/domain/vocabulary';
import type { LifecycleRules, Status } from '../../../shared/domain/lifecycle';
import type { TimedEvent } from '../workspace/timed-event';
import { CommandRecorder } from './command-recorder';

// ---------------------------------------------------------------------------------------------
// The mapping, as data (one place).

/** Statuspage impact → ITIL impact and urgency (priority follows from the organisation's matrix). */
export const STATUSPAGE_IMPACT_LEVELS = {
  critical: { impact: 1, urgency: 1 }, // P1 with the default matrix
  major: { impact: 1, urgency: 2 }, // P2
  minor: { impact: 2, urgency: 2 }, // P3
  none: { impact: 2, urgency: 3 }, // P4
  maintenance: { impact: 3, urgency: 3 }, // P5 (scheduled maintenance)
} as const satisfies Record<string, { impact: Level; urgency: Level }>;
export type StatuspageImpact = keyof typeof STATUSPAGE_IMPACT_LEVELS;

/**
 * Statuspage incident/maintenance status of an update → Watchfloor status it moves the incident
 * to; null = the update only adds a timeline entry. Statuses not listed also only add an entry.
 */
export const STATUSPAGE_STATUS_MAP: Readonly<Record<string, Status | null>> = {
  investigating: 'investigating',
  identified: 'investigating',
  monitoring: 'monitoring',
  resolved: 'resolved',
  postmortem: null,
  scheduled: null,
  in_progress: 'investigating',
  verifying: 'monitoring',
  completed: 'resolved',
};

/** Resolution code given to incidents the status page resolved. */
export const STATUSPAGE_RESOLUTION_CODE = 'Fixed';

/** Statuspage statuses of an incident that is over. */
const FINISHED = new Set(['resolved', 'postmortem', 'completed']);

// ---------------------------------------------------------------------------------------------
// The Statuspage JSON shape (`/api/v2/incidents.json` or `/api/v2/incidents/<id>.json`).

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

const StatuspageUpdateSchema = z.object({
  id: z.string().optional(),
  status: z.string().min(1),
  body: z.string().nullable().optional(),
  created_at: time,
  display_at: time.nullable().optional(),
  affected_components: z.array(z.object({ name: z.string() })).nullable().optional(),
});

export const StatuspageIncidentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: z.string(),
  impact: z.enum(Object.keys(STATUSPAGE_IMPACT_LEVELS) as [StatuspageImpact, ...StatuspageImpact[]]),
  created_at: time,
  started_at: time.nullable().optional(),
  resolved_at: time.nullable().optional(),
  shortlink: z.string().nullable().optional(),
  incident_updates: z.array(StatuspageUpdateSchema).default([]),
  components: z.array(z.object({ name: z.string() })).nullable().optional(),
});
export type StatuspageIncident = z.infer<typeof StatuspageIncidentSchema>;

const PageSchema = z.object({ name: z.string().default('') }).optional();

export const StatuspageDocumentSchema = z.union([
  z.object({ page: PageSchema, incidents: z.array(StatuspageIncidentSchema) }),
  z.object({ page: PageSchema, incident: StatuspageIncidentSchema }),
]);

/** Validates either Statuspage shape; returns the page name and its incidents. */
export function parseStatuspage(json: unknown): { pageName: string; incidents: StatuspageIncident[] } {
  const parsed = StatuspageDocumentSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`Not Statuspage incident JSON: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const doc = parsed.data;
  return { pageName: doc.page?.name ?? '', incidents: 'incidents' in doc ? doc.incidents : [doc.incident] };
}

// ---------------------------------------------------------------------------------------------
// One incident as a clean timeline.

export interface StatuspageUpdate {
  at: number;
  status: string;
  text: string;
}

export interface StatuspageTimeline {
  /** The Statuspage incident id. */
  sourceId: string;
  title: string;
  impact: StatuspageImpact;
  services: string[];
  link: string | null;
  impactStarted: number;
  /** When it was first posted: the incident's creation. */
  opened: number;
  /** Oldest first, never going back in time, all at or after `opened`. */
  updates: StatuspageUpdate[];
  /** When it was resolved, if it was. */
  resolved: number | null;
}

export interface TimelineOptions {
  /** Component names that are not services (e.g. a "visit our status page" pseudo component). */
  ignoreComponents?: readonly string[];
  /**
   * Replace placeholder names such as "Incident on 2013-04-29 15:06:35 UTC" by the first
   * sentence of the first update (worth it when the times are shifted, where the date would lie).
   */
  retitleDatedNames?: boolean;
}

const DATED_NAME = /^Incident on \d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?(?: UTC)?$/;
/** GitHub's pre-2018 history was migrated as one update holding a list of timestamped posts. */
const LEGACY_LIST = /^\s*<ul>\s*<li>\s*<strong>[^<]*<\/strong>/;
const LEGACY_ITEM = /<li>\s*<strong>([^<]*)<\/strong>\s*-?\s*([\s\S]*?)<\/li>/g;

export function statuspageTimeline(incident: StatuspageIncident, opts: TimelineOptions = {}): StatuspageTimeline {
  // Statuspage lists updates newest first; order oldest first (stable for equal times).
  let updates: StatuspageUpdate[] = [...incident.incident_updates]
    .reverse()
    .map((u) => ({ at: Date.parse(u.display_at ?? u.created_at), status: u.status, text: u.body ?? '' }))
    .sort((a, b) => a.at - b.at);
  if (updates.length === 1 && LEGACY_LIST.test(updates[0]!.text)) updates = expandLegacyList(updates[0]!);
  updates = updates.map((u) => ({ ...u, text: htmlToText(u.text) || `Status: ${u.status}` }));
  for (let i = 1; i < updates.length; i++) updates[i]!.at = Math.max(updates[i]!.at, updates[i - 1]!.at);

  const created = Date.parse(incident.created_at);
  const opened = Math.min(created, updates[0]?.at ?? created);
  const impactStarted = Math.min(incident.started_at ? Date.parse(incident.started_at) : opened, opened);

  let resolved: number | null = null;
  const lastResolving = findLastIndex(updates, (u) => STATUSPAGE_STATUS_MAP[u.status] === 'resolved');
  const finished = FINISHED.has(incident.status);
  if (lastResolving >= 0 && (finished || lastResolving === updates.length - 1)) {
    // resolved_at is authoritative where it is later (modern incidents: equal; migrated ones: bogus).
    const r = Math.max(updates[lastResolving]!.at, incident.resolved_at ? Date.parse(incident.resolved_at) : 0);
    for (let i = lastResolving; i < updates.length; i++) updates[i]!.at = Math.max(updates[i]!.at, r);
    resolved = r;
  } else if (finished) {
    resolved = Math.max(updates.at(-1)?.at ?? opened, incident.resolved_at ? Date.parse(incident.resolved_at) : opened);
  }

  // The incident's components carry today's names; the updates' affected_components (names of
  // the time, e.g. "Issues, PRs, Dashboard, Projects") only stand in when it lists none.
  const ignore = new Set(opts.ignoreComponents ?? []);
  const components = incident.components?.length ? incident.components : incident.incident_updates.flatMap((u) => u.affected_components ?? []);
  const services = [
    ...new Set(
      components
        .map((c) => clip(c.name.trim(), 120))
        .filter((name) => name && !ignore.has(name)),
    ),
  ].slice(0, 50);

  const name = incident.name.trim();
  const title = (opts.retitleDatedNames && DATED_NAME.test(name)) || !name ? firstSentence(updates[0]?.text ?? '') || name : name;

  return {
    sourceId: incident.id,
    title: clip(title || `Status page incident ${incident.id}`, 200),
    impact: incident.impact,
    services,
    link: incident.shortlink ?? null,
    impactStarted,
    opened,
    updates,
    resolved,
  };
}

function expandLegacyList(update: StatuspageUpdate): StatuspageUpdate[] {
  const items = [...update.text.matchAll(LEGACY_ITEM)];
  if (items.length === 0) return [update];
  let previous = update.at;
  return items.map((m, i) => {
    const at = legacyTime(m[1]!.trim(), previous) ?? previous;
    previous = at;
    return { at, status: i === items.length - 1 ? update.status : 'investigating', text: m[2]! };
  });
}

/** "2013-04-29 15:06:35" (UTC) or "15:14" (on the day of the previous post, rolling over midnight). */
function legacyTime(stamp: string, previous: number): number | undefined {
  const full = /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d?):(\d\d)(?::(\d\d))?$/.exec(stamp);
  if (full) {
    const [y, mo, d, h, mi, s] = full.slice(1).map((x) => Number(x ?? 0));
    return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  }
  const hm = /^(\d\d?):(\d\d)$/.exec(stamp);
  if (!hm) return undefined;
  const day = new Date(previous);
  let t = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(hm[1]), Number(hm[2]));
  if (t < previous - 60_000) t += 86_400_000;
  return t;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Statuspage bodies are mostly plain text with the odd link or list; keep the words. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, label: string) => (label.trim() && label.trim() !== href ? `${label} (${href})` : href))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|div)>/gi, '\n')
    .replace(/<\/?[a-z][^<>]*>/gi, '')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e] ?? _)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function firstSentence(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(?:\s|$)/.exec(line);
  const sentence = (m ? m[1]! : line).replace(/\.$/, '');
  if (sentence.length <= 120) return sentence;
  const cut = sentence.slice(0, 119);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Timelines → events, through the domain's own commands.

export interface StatuspageImportOptions extends TimelineOptions {
  /** Id of the incident opened at `opened` (after any shift); called in time order. */
  incidentId: (opened: number, timeline: StatuspageTimeline) => string;
  /** Ids of timeline entries, tasks and checklist items. */
  newId: () => string;
  /** Who the events are recorded as. Default: "<page name> status page". */
  actor?: string;
  category?: string;
  source?: Source;
  /** Added to every incident; each also gets `statuspage:<incident id>`. */
  tags?: readonly string[];
  /** Close resolved incidents this long after resolution (waiving the review where one is required). Omit to leave them resolved. */
  closeAfter?: (timeline: StatuspageTimeline) => number;
  /** Reason recorded when waiving a required post-incident review on close. */
  reviewWaiver?: string;
  /**
   * Moves the incidents in time: start times are mapped linearly onto [from, to] and each
   * incident keeps its own timing; the last one (with its close) ends by `to`.
   */
  placeInto?: { from: number; to: number };
  matrix?: PriorityMatrix;
  lifecycle?: LifecycleRules;
  /** Impact → impact and urgency; default STATUSPAGE_IMPACT_LEVELS (importers pass the user's mapping). */
  impactLevels?: Readonly<Record<StatuspageImpact, { impact: Level; urgency: Level }>>;
  /** The timeline entry of an update; default: a status update holding the update's text. */
  updateEntry?: (update: StatuspageUpdate) => { kind: EntryKind; text: string };
}

/** Maps Statuspage JSON (either shape) to incident events recorded at their own, possibly shifted, times. */
export function statuspageToTimedEvents(json: unknown, options: StatuspageImportOptions): TimedEvent[] {
  const { pageName, incidents } = parseStatuspage(json);
  const timelines = incidents.map((i) => statuspageTimeline(i, options));
  const shiftOf = placement(timelines, options);
  const placed = timelines
    .map((tl) => ({ tl, shift: shiftOf(tl) }))
    .sort((a, b) => a.tl.opened + a.shift - (b.tl.opened + b.shift) || a.tl.sourceId.localeCompare(b.tl.sourceId));
  const recorder = new CommandRecorder({ newId: options.newId, matrix: options.matrix, lifecycle: options.lifecycle });
  const actor = options.actor ?? (pageName ? `${pageName} status page` : 'Status page');
  for (const { tl, shift } of placed) recordTimeline(recorder, tl, shift, pageName, actor, options);
  return recorder.events;
}

function start(tl: StatuspageTimeline): number {
  return Math.min(tl.impactStarted, tl.opened);
}

function end(tl: StatuspageTimeline, options: StatuspageImportOptions): number {
  const last = Math.max(tl.opened, tl.updates.at(-1)?.at ?? tl.opened, tl.resolved ?? tl.opened);
  return tl.resolved !== null && options.closeAfter ? last + options.closeAfter(tl) : last;
}

/**
 * Linear map of start times onto [from, …]: the steepest scale at which every incident, with its
 * own span, still ends by `to` (so the history ends close to `to` without running past it).
 */
function placement(timelines: readonly StatuspageTimeline[], options: StatuspageImportOptions): (tl: StatuspageTimeline) => number {
  const into = options.placeInto;
  if (!into || timelines.length === 0) return () => 0;
  const starts = timelines.map(start);
  const min = Math.min(...starts);
  let scale = Infinity;
  timelines.forEach((tl, i) => {
    const room = into.to - into.from - (end(tl, options) - starts[i]!);
    if (starts[i]! > min) scale = Math.min(scale, Math.max(0, room) / (starts[i]! - min));
  });
  if (!Number.isFinite(scale)) scale = 0;
  return (tl) => Math.round(into.from + (start(tl) - min) * scale) - start(tl);
}

function recordTimeline(recorder: CommandRecorder, tl: StatuspageTimeline, shift: number, pageName: string, actor: string, options: StatuspageImportOptions): void {
  const opened = tl.opened + shift;
  const id = options.incidentId(opened, tl);
  const { impact, urgency } = (options.impactLevels ?? STATUSPAGE_IMPACT_LEVELS)[tl.impact];
  recorder.create(
    id,
    {
      title: tl.title,
      description: `Imported from the ${pageName || 'Statuspage'} status page${tl.link ? ` (${tl.link})` : ''}; Statuspage impact "${tl.impact}".`,
      category: options.category ?? '',
      services: tl.services,
      reporter: pageName ? `${pageName} status page` : 'Status page',
      source: options.source ?? 'other',
      tags: [...(options.tags ?? []), `statuspage:${tl.sourceId}`],
      impact,
      urgency,
    },
    opened,
    actor,
  );
  recorder.run(id, { type: 'setMilestone', milestone: 'impactStarted', at: new Date(tl.impactStarted + shift).toISOString(), reason: 'Start of impact on the status page (started_at)' }, opened, actor);

  for (const u of tl.updates) {
    const at = u.at + shift;
    const to = STATUSPAGE_STATUS_MAP[u.status] ?? null;
    const status = recorder.state(id)!.status;
    if (to && to !== status) {
      recorder.moveTo(id, to, at, actor, {
        reason: `Status page: ${u.status}`,
        resolution: { summary: clip(u.text, 4000), code: STATUSPAGE_RESOLUTION_CODE },
      });
    }
    const entry = options.updateEntry?.(u) ?? { kind: 'status_update', text: u.text };
    recorder.run(id, { type: 'addEntry', kind: entry.kind, text: clip(entry.text, 10_000), occurredAt: null }, at, actor);
  }

  const state = recorder.state(id)!;
  if (tl.resolved !== null && state.status !== 'resolved') {
    const last = tl.updates.at(-1);
    recorder.moveTo(id, 'resolved', Math.max(tl.resolved + shift, (last?.at ?? opened) + shift), actor, {
      resolution: { summary: clip(last?.text ?? tl.title, 4000), code: STATUSPAGE_RESOLUTION_CODE },
    });
  }
  if (tl.resolved === null || !options.closeAfter) return;
  const closeAt = end(tl, options) + shift;
  const resolvedState = recorder.state(id)!;
  if (recorder.lifecycle.reviewPriorities.includes(resolvedState.priority) && !resolvedState.review)
    recorder.run(id, { type: 'recordReview', outcome: 'waived', reason: options.reviewWaiver ?? 'Imported from a status page; no post-incident review on record' }, closeAt, actor);
  recorder.moveTo(id, 'closed', closeAt, actor);
}

/**
 * Per-incident facts: everything the trend series need from one incident, extracted once by a
 * single walk over its timeline. Series fold facts, never events, so a query over 50,000
 * incidents touches 50,000 small records (plus one sorted array of work times each).
 *
 * Incident states are immutable snapshots with a `version` (the HLC of the newest event), so
 * facts are cached by (id, version): `FactsCache` re-extracts only incidents that changed.
 */
import type { IncidentState } from '../domain/incident';
import type { Status } from '../domain/lifecycle';
import { priorityRank, type Priority } from '../domain/priority';
import { allCycles } from '../sla/clocks';
import { DEFAULT_SLA_POLICY } from '../sla/defaults';
import { policyFor, type SlaPolicy, type SlaTarget } from '../sla/policy';
import { parseIso, parseIsoOrNull } from './time';

/** Outcome of one SLA clock cycle, as far as the incident's events decide it. */
export interface SlaOutcome {
  target: SlaTarget;
  /** Priority whose target applied (the one in force when the clock stopped). */
  priority: Priority;
  /**
   * `met` at `at`; `breached` at `at`; `pending`: still running, and breaches at `at` unless an
   * event changes the incident first (Infinity: cannot breach without a new event, e.g. on hold).
   */
  state: 'met' | 'breached' | 'pending';
  at: number;
}

export interface IncidentFacts {
  id: string;
  /** Incident version the facts were extracted from. */
  version: string;
  title: string;
  /** Title normalised for recurrence: lower case, digits → #, punctuation dropped. */
  titleKey: string;
  /** Current priority. */
  priority: Priority;
  exercise: boolean;
  /** Cancelled incidents (duplicates, false alarms) are left out of every metric. */
  cancelled: boolean;
  category: string;
  services: readonly string[];
  /** Teams of every responder who ever joined (non-empty, distinct, in joining order). */
  teams: readonly string[];
  /** From tags `location:<name>`. */
  locations: readonly string[];
  /** Lower-cased dimension values, for filters and grouping. */
  keys: { category: string; services: readonly string[]; teams: readonly string[]; locations: readonly string[] };
  createdAt: number;
  /** impactStarted ?? createdAt: where every duration starts. */
  start: number;
  /** acknowledged milestone ?? first transition out of New. */
  acknowledged: number | null;
  /** mitigated milestone ?? resolved milestone. */
  mitigated: number | null;
  /** resolved milestone (the first resolution unless corrected). */
  resolved: number | null;
  closed: number | null;
  /** Open intervals, flattened [s₀, e₀, s₁, e₁, …]; e = Infinity while open. */
  open: readonly number[];
  /** An `escalation.raised` event, or a priority raise (to a more urgent priority), at any time. */
  escalated: boolean;
  /** Went from Resolved/Closed back to an active status at least once. */
  reopened: boolean;
  /** Times of work events (the domain's own event types, by recordedAt), ascending. */
  work: Float64Array;
  sla: readonly SlaOutcome[];
}

export interface FactsOptions {
  /** Versions of the SLA policy; the one in force at each incident's creation applies. */
  slaPolicies?: readonly SlaPolicy[];
  /** Now (epoch ms): decides which SLA clocks are already met or breached. */
  now: number;
}

const DONE: ReadonlySet<Status> = new Set<Status>(['resolved', 'closed', 'cancelled']);
const RESOLVED: ReadonlySet<Status> = new Set<Status>(['resolved', 'closed']);
const LOCATION_TAG = /^location:\s*(.+)$/i;

/**
 * Work: events of the incident's own types (what people do: incident.*, role.*, responder.*,
 * task.*, relation.*, entry.*). SLA warnings/breaches, escalations and alert events are the
 * machine's, not work.
 */
const WORK_PREFIXES = ['incident.', 'role.', 'responder.', 'task.', 'relation.', 'entry.'];
const workTypes = new Map<string, boolean>();
export function isWorkEvent(type: string): boolean {
  let w = workTypes.get(type);
  if (w === undefined) {
    w = WORK_PREFIXES.some((p) => type.startsWith(p));
    if (workTypes.size < 1000) workTypes.set(type, w);
  }
  return w;
}

const lower = (s: string): string => s.trim().toLocaleLowerCase('en');

/** "Incident with Git Operations #2" → "incident with git operations #". */
export function normaliseTitle(title: string): string {
  return title
    .toLocaleLowerCase('en')
    .replace(/\d+/g, '#')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim();
}

function distinct(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    const k = lower(t);
    if (t && !seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

/** Facts of one incident (one walk over its timeline, plus the SLA engine's clock cycles). */
export function extractFacts(incident: IncidentState, opts: FactsOptions): IncidentFacts {
  const createdAt = parseIso(incident.createdAt);
  const m = incident.milestones;
  const start = parseIsoOrNull(m.impactStarted) ?? createdAt;
  const resolved = parseIsoOrNull(m.resolved);
  const closed = parseIsoOrNull(m.closed);

  let status: Status = 'new';
  let last = createdAt;
  let leftNewAt: number | null = null;
  let priority: Priority | null = null;
  let escalated = false;
  let reopened = false;
  let firstDone = true;
  let openSince = start;
  const open: number[] = [];
  const timeline = incident.timeline;
  const work = new Float64Array(timeline.length);
  let nWork = 0;
  let sorted = true;

  for (let i = 0; i < timeline.length; i++) {
    const e = timeline[i]!;
    const at = parseIso(e.recordedAt);
    if (isWorkEvent(e.type) && Number.isFinite(at)) {
      if (nWork > 0 && at < work[nWork - 1]!) sorted = false;
      work[nWork++] = at;
    }
    switch (e.type) {
      case 'incident.created':
        priority ??= (e.data as { priority: Priority }).priority;
        break;
      case 'incident.priorityChanged': {
        const p = (e.data as { priority: Priority }).priority;
        if (priority && priorityRank(p) < priorityRank(priority)) escalated = true;
        priority = p;
        break;
      }
      case 'escalation.raised':
        escalated = true;
        break;
      case 'incident.statusChanged': {
        const to = (e.data as { to: Status }).to;
        if (to === status) break;
        // Fold (HLC) order; a writer with a slow clock cannot move a change backwards.
        const t = Math.max(last, Number.isFinite(at) ? at : last);
        last = t;
        if (status === 'new' && leftNewAt === null) leftNewAt = t;
        if (RESOLVED.has(status) && !DONE.has(to)) reopened = true;
        if (!DONE.has(status) && DONE.has(to)) {
          // The first close-out of the work is the resolved milestone where there is one.
          const end = firstDone && resolved !== null && RESOLVED.has(to) ? resolved : t;
          open.push(openSince, Math.max(openSince, end));
          firstDone = false;
        } else if (DONE.has(status) && !DONE.has(to)) {
          openSince = t;
        }
        status = to;
        break;
      }
    }
  }
  if (!DONE.has(status)) open.push(openSince, Infinity);

  let times = work.subarray(0, nWork);
  if (!sorted) times = times.slice().sort();

  const services = distinct(incident.services);
  const teams = distinct(incident.responders.map((r) => r.team));
  const locations = distinct(incident.tags.map((t) => LOCATION_TAG.exec(t)?.[1] ?? ''));
  const acknowledged = parseIsoOrNull(m.acknowledged) ?? leftNewAt;
  const mitigated = parseIsoOrNull(m.mitigated) ?? resolved;
  const cancelled = incident.status === 'cancelled';

  return {
    id: incident.id,
    version: incident.version,
    title: incident.title,
    titleKey: normaliseTitle(incident.title),
    priority: incident.priority,
    exercise: incident.exercise,
    cancelled,
    category: incident.category.trim(),
    services,
    teams,
    locations,
    keys: { category: lower(incident.category), services: services.map(lower), teams: teams.map(lower), locations: locations.map(lower) },
    createdAt,
    start,
    acknowledged,
    mitigated,
    resolved,
    closed,
    open,
    escalated,
    reopened,
    work: times,
    sla: cancelled ? [] : slaOutcomes(incident, opts.slaPolicies ?? [DEFAULT_SLA_POLICY], opts.now),
  };
}

/** Every clock cycle's outcome under the policy version pinned to the incident. */
export function slaOutcomes(incident: IncidentState, policies: readonly SlaPolicy[], now: number): SlaOutcome[] {
  const policy = policyFor(incident, policies);
  if (!policy) return [];
  const out: SlaOutcome[] = [];
  for (const c of allCycles(incident, policy, now)) {
    switch (c.state) {
      case 'breached':
        out.push({ target: c.target, priority: c.priority, state: 'breached', at: c.breachedAt ?? now });
        break;
      case 'met':
        out.push({ target: c.target, priority: c.priority, state: 'met', at: c.metAt ?? now });
        break;
      case 'running':
      case 'warning':
        out.push({ target: c.target, priority: c.priority, state: 'pending', at: c.dueAt ?? Infinity });
        break;
      case 'paused':
        // Paused by status: nothing counts until an event (a new version) changes the status.
        out.push({ target: c.target, priority: c.priority, state: 'pending', at: c.pausedBy === 'calendar' ? (c.dueAt ?? Infinity) : Infinity });
        break;
      case 'not_applicable':
        break;
    }
  }
  return out;
}

/**
 * Facts by incident, re-extracted only when an incident's version changes. Facts do not depend on
 * when they are read: SLA clocks still running record when they would breach, and a query
 * decides with its own `now` (see `SlaOutcome`). Options are fixed per cache.
 */
export class FactsCache {
  private readonly byId = new Map<string, IncidentFacts>();
  hits = 0;
  misses = 0;

  constructor(private readonly slaPolicies: readonly SlaPolicy[] = [DEFAULT_SLA_POLICY]) {}

  /** Facts of every incident given (and forgets incidents no longer given). */
  factsOf(incidents: readonly IncidentState[], now: number): IncidentFacts[] {
    const out: IncidentFacts[] = new Array(incidents.length);
    for (let i = 0; i < incidents.length; i++) {
      const inc = incidents[i]!;
      let f = this.byId.get(inc.id);
      if (f && f.version === inc.version) {
        this.hits++;
      } else {
        f = extractFacts(inc, { slaPolicies: this.slaPolicies, now });
        this.byId.set(inc.id, f);
        this.misses++;
      }
      out[i] = f;
    }
    if (this.byId.size > incidents.length) {
      const given = new Set(incidents.map((x) => x.id));
      for (const id of this.byId.keys()) if (!given.has(id)) this.byId.delete(id);
    }
    return out;
  }

  get size(): number {
    return this.byId.size;
  }
}

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
import { PRIORITIES, priorityRank, type Priority } from '../domain/priority';
import { allCycles } from '../sla/clocks';
import { DEFAULT_SLA_POLICY } from '../sla/defaults';
import { policyFor, SLA_TARGETS, type SlaPolicy, type SlaTarget } from '../sla/policy';
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

/** SLA outcome states as packed in `IncidentFacts.sla` (see slaCode()). */
export const SLA_MET = 0;
export const SLA_BREACHED = 1;
export const SLA_PENDING = 2;
const SLA_STATES = ['met', 'breached', 'pending'] as const;

/** Packs (target, priority, state) into one small integer: (target × 5 + priority) × 3 + state. */
export function slaCode(target: SlaTarget, priority: Priority, state: SlaOutcome['state']): number {
  return (SLA_TARGETS.indexOf(target) * 5 + PRIORITIES.indexOf(priority)) * 3 + SLA_STATES.indexOf(state);
}

/**
 * Interned keys (lower-cased names or normalised titles) → small integers, so series group by
 * array index instead of by string. Shared by every cache in the process; id 0 is "none".
 */
export class KeyTable {
  private readonly ids = new Map<string, number>([['', 0]]);
  readonly keys: string[] = [''];

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  /** The id of a key already seen, or undefined. */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.keys.length;
  }
}

const NONE: readonly number[] = Object.freeze([]);

/** Categories, services, teams and locations (lower-cased). */
export const NAME_KEYS = new KeyTable();
/** Normalised titles. */
export const TITLE_KEYS = new KeyTable();

export interface IncidentFacts {
  id: string;
  /** Incident version the facts were extracted from. */
  version: string;
  title: string;
  /** Title normalised for recurrence (see normaliseTitle), interned in TITLE_KEYS. */
  titleId: number;
  /** Current priority, and its index (P1 = 0). */
  priority: Priority;
  priorityIndex: number;
  exercise: boolean;
  /** Cancelled incidents (duplicates, false alarms) are left out of every metric. */
  cancelled: boolean;
  category: string;
  services: readonly string[];
  /** Teams of every responder who ever joined (non-empty, distinct, in joining order). */
  teams: readonly string[];
  /** From tags `location:<name>`. */
  locations: readonly string[];
  /** The same, lower-cased and interned in NAME_KEYS (category 0 = none); serviceIds[i] is services[i]. */
  categoryId: number;
  serviceIds: readonly number[];
  teamIds: readonly number[];
  locationIds: readonly number[];
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
  /** Times of work events (the incident's own event types, by recordedAt), ascending. */
  work: Float64Array;
  /**
   * SLA outcomes of every clock cycle that is decided or can still breach, packed as
   * at × 128 + slaCode(target, priority, state) (exact: times stay below 2⁴⁶), ascending.
   */
  sla: Float64Array;
}

/** Packed outcome → time. */
export const slaTime = (packed: number): number => Math.floor(packed / 128);
/** Packed outcome → code (see slaCode()). */
export const slaCodeOf = (packed: number): number => packed - Math.floor(packed / 128) * 128;

/** The SLA outcomes of facts, unpacked. */
export function slaOutcomesOf(f: IncidentFacts): SlaOutcome[] {
  return Array.from(f.sla, (packed) => {
    const code = slaCodeOf(packed);
    const tp = Math.floor(code / 3);
    return { target: SLA_TARGETS[Math.floor(tp / 5)]!, priority: PRIORITIES[tp % 5]!, state: SLA_STATES[code % 3]!, at: slaTime(packed) };
  });
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
  const ids = (names: readonly string[]): readonly number[] => (names.length ? names.map((n) => NAME_KEYS.id(lower(n))) : NONE);
  // A clock that cannot breach without a new event (Infinity) never counts: left out.
  const sla = cancelled ? [] : slaOutcomes(incident, opts.slaPolicies ?? [DEFAULT_SLA_POLICY], opts.now).filter((o) => Number.isFinite(o.at));

  return {
    id: incident.id,
    version: incident.version,
    title: incident.title,
    titleId: TITLE_KEYS.id(normaliseTitle(incident.title)),
    priority: incident.priority,
    priorityIndex: PRIORITIES.indexOf(incident.priority),
    exercise: incident.exercise,
    cancelled,
    category: incident.category.trim(),
    services,
    teams,
    locations,
    categoryId: NAME_KEYS.id(lower(incident.category)),
    serviceIds: ids(services),
    teamIds: ids(teams),
    locationIds: ids(locations),
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
    sla: Float64Array.from(sla, (o) => o.at * 128 + slaCode(o.target, o.priority, o.state)).sort(),
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

  /**
   * Facts of every incident given (and forgets incidents no longer given). Given only ids and
   * versions (summaries of incidents not folded), `whole` gives an incident's state where its
   * facts are not cached for that version.
   */
  factsOf(incidents: readonly IncidentState[], now: number): IncidentFacts[];
  factsOf<T extends Pick<IncidentState, 'id' | 'version'>>(incidents: readonly T[], now: number, whole: (incident: T) => IncidentState): IncidentFacts[];
  factsOf<T extends Pick<IncidentState, 'id' | 'version'>>(incidents: readonly T[], now: number, whole?: (incident: T) => IncidentState): IncidentFacts[] {
    const out: IncidentFacts[] = new Array(incidents.length);
    for (let i = 0; i < incidents.length; i++) {
      const inc = incidents[i]!;
      let f = this.byId.get(inc.id);
      if (f && f.version === inc.version) {
        this.hits++;
      } else {
        f = extractFacts(whole ? whole(inc) : (inc as unknown as IncidentState), { slaPolicies: this.slaPolicies, now });
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

  /** Whether the facts of this version of the incident are cached. */
  holds(id: string, version: string): boolean {
    return this.byId.get(id)?.version === version;
  }

  /** Extracts and caches one incident's facts ahead of `factsOf` (so a long first query can be done in slices). */
  remember(incident: IncidentState, now: number): void {
    this.byId.set(incident.id, extractFacts(incident, { slaPolicies: this.slaPolicies, now }));
    this.misses++;
  }
}

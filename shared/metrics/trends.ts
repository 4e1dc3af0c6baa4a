/**
 * The trend series: one pass over per-incident facts (see facts.ts), folding each incident into
 * every series at once. Grouping is by array index (bucket × priority, interned key ids) into
 * typed arrays; durations are grouped by a counting sort and ordered by sorting small runs and
 * merging them. Definitions of each metric: docs/METRICS.md.
 */
import { PRIORITIES, type Priority } from '../domain/priority';
import { SLA_TARGETS, type SlaPolicy, type SlaTarget } from '../sla/policy';
import { NAME_KEYS, SLA_MET, SLA_PENDING, slaTime, TITLE_KEYS, type IncidentFacts } from './facts';
import type { BreakdownRow, DurationPoint, PriorityCounts, Rate, RecurringRow, SlaCell, SlaPoint, TrendsFilters, TrendsQuery, TrendsResult } from './schema';
import { Grouped, ratio, statsOfRange, type DurationStats } from './stats';
import { bucketOf, DAY, HOUR, localClock, lowerBound, makeBuckets, officeHours, parseIso } from './time';

const NP = PRIORITIES.length; // 5
const NT = SLA_TARGETS.length;
/** Decoding of packed SLA codes (see slaCode in facts.ts), by table rather than division. */
const SLA_STATE = Uint8Array.from({ length: NT * NP * 3 }, (_, c) => c % 3);
const SLA_PRIORITY = Uint8Array.from({ length: NT * NP * 3 }, (_, c) => Math.floor(c / 3) % NP);
const SLA_TARGET = Uint8Array.from({ length: NT * NP * 3 }, (_, c) => Math.floor(c / 3 / NP));

/** The first index k with values[k] > t (values ascending). */
function upperBound(values: Float64Array, t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
/** Rows per breakdown (the largest first). */
export const BREAKDOWN_LIMIT = 50;
/** Rows per recurrence list. */
export const RECURRING_LIMIT = 20;
const RECURRING_IDS = 20;

const lower = (s: string): string => s.trim().toLocaleLowerCase('en');
const isoOf = (t: number): string => new Date(t).toISOString();

interface IdFilters {
  priorities: ReadonlySet<number> | null;
  categories: ReadonlySet<number> | null;
  teams: ReadonlySet<number> | null;
  services: ReadonlySet<number> | null;
  locations: ReadonlySet<number> | null;
}

/** Filter values → interned ids (a value no incident has matches nothing). */
function idFilters(f: TrendsFilters): IdFilters {
  const ids = (xs: readonly string[]) => {
    if (!xs.length) return null;
    const out = new Set<number>();
    for (const x of xs) {
      const id = NAME_KEYS.find(lower(x));
      if (id !== undefined && id !== 0) out.add(id);
    }
    return out;
  };
  return {
    priorities: f.priorities.length ? new Set(f.priorities.map((p) => PRIORITIES.indexOf(p))) : null,
    categories: ids(f.categories),
    teams: ids(f.teams),
    services: ids(f.services),
    locations: ids(f.locations),
  };
}

function anyIn(values: readonly number[], wanted: ReadonlySet<number>): boolean {
  for (let i = 0; i < values.length; i++) if (wanted.has(values[i]!)) return true;
  return false;
}

/** Whether the incident passes the filters (values within one filter OR, filters AND). */
function passes(x: IncidentFacts, f: IdFilters): boolean {
  if (f.priorities && !f.priorities.has(x.priorityIndex)) return false;
  if (f.categories && !f.categories.has(x.categoryId)) return false;
  if (f.teams && !anyIn(x.teamIds, f.teams)) return false;
  if (f.services && !anyIn(x.serviceIds, f.services)) return false;
  if (f.locations && !anyIn(x.locationIds, f.locations)) return false;
  return true;
}

/** Duration statistics per bucket and priority, for all priorities, and for the whole range. */
function durationPoints(samples: Grouped, nb: number): { points: DurationPoint[]; total: DurationStats } {
  const { offsets, values } = samples.group(nb * NP);
  const points: DurationPoint[] = new Array(nb);
  for (let b = 0; b < nb; b++) {
    const base = b * NP;
    const byP = {} as Record<Priority, DurationStats>;
    for (let p = 0; p < NP; p++) byP[PRIORITIES[p]!] = statsOfRange(values, offsets[base + p]!, offsets[base + p + 1]!);
    points[b] = { all: statsOfRange(values, offsets[base]!, offsets[base + NP]!), byPriority: byP };
  }
  return { points, total: statsOfRange(values, 0, values.length) };
}

function counts(a: Int32Array, b: number): PriorityCounts {
  const o = b * NP;
  return { P1: a[o]!, P2: a[o + 1]!, P3: a[o + 2]!, P4: a[o + 3]!, P5: a[o + 4]!, total: a[o]! + a[o + 1]! + a[o + 2]! + a[o + 3]! + a[o + 4]! };
}

const cell = (met: number, breached: number): SlaCell => ({ met, breached, compliance: ratio(met, met + breached) });
const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: ratio(numerator, denominator) });

/** Counts and times to resolve by interned name (id 0: incidents without a value). */
class Breakdown {
  readonly opened: Int32Array;
  readonly resolved: Int32Array;
  readonly ttr = new Grouped();
  /** First contributing fact and position (see ref()). */
  readonly refs: Int32Array;
  constructor(
    private readonly size: number,
    private readonly list: (x: IncidentFacts) => readonly string[],
  ) {
    this.opened = new Int32Array(size);
    this.resolved = new Int32Array(size);
    this.refs = new Int32Array(size);
  }
  add(id: number, r: number, opened: boolean, ttr: number): void {
    if (this.refs[id] === 0) this.refs[id] = r;
    if (opened) this.opened[id]!++;
    if (ttr >= 0) {
      this.resolved[id]!++;
      this.ttr.push(id, ttr);
    }
  }
  addAll(ids: readonly number[], n: number, opened: boolean, ttr: number): void {
    if (ids.length === 0) this.add(0, ref(n, 63), opened, ttr);
    else for (let i = 0; i < ids.length; i++) this.add(ids[i]!, ref(n, i), opened, ttr);
  }
  rows(facts: readonly IncidentFacts[]): BreakdownRow[] {
    const ids: number[] = [];
    const labels: string[] = new Array(this.size);
    for (let id = 0; id < this.size; id++) {
      if (this.refs[id] === 0) continue;
      ids.push(id);
      labels[id] = id === 0 ? '' : labelOf(facts, this.refs[id]!, this.list);
    }
    ids.sort((a, b) => this.opened[b]! - this.opened[a]! || this.resolved[b]! - this.resolved[a]! || labels[a]!.localeCompare(labels[b]!));
    const top = ids.slice(0, BREAKDOWN_LIMIT);
    const { offsets, values } = this.ttr.group(this.size);
    return top.map((id) => ({
      key: labels[id]!,
      opened: this.opened[id]!,
      resolved: this.resolved[id]!,
      mttr: statsOfRange(values, offsets[id]!, offsets[id + 1]!),
    }));
  }
}

/**
 * Problem candidates: per key, the densest window of starts less than `windowMs` apart.
 * `occurrences` holds (key id, start, fact index); `label(fact, key)` names a row after the
 * incident that started last (the last one given, among equal starts).
 */
function recurringRows(
  occurrences: Grouped,
  keys: number,
  facts: readonly IncidentFacts[],
  label: (x: IncidentFacts, key: number) => string,
  windowMs: number,
  minCount: number,
  minTotal: number,
  keyName: (key: number) => string,
): RecurringRow[] {
  const { offsets, values, refs } = occurrences.group(keys);
  const rows: RecurringRow[] = [];
  for (let k = 1; k < keys; k++) {
    const lo = offsets[k]!;
    const hi = offsets[k + 1]!;
    const n = hi - lo;
    if (n < minTotal || n === 0) continue;
    const s = values.slice(lo, hi).sort();
    let best = 0;
    let bi = 0;
    let bj = 0;
    for (let i = 0, j = 0; j < n; j++) {
      while (s[j]! - s[i]! >= windowMs) i++;
      if (j - i + 1 > best) {
        best = j - i + 1;
        bi = i;
        bj = j;
      }
    }
    // The window's incidents in (start, id) order: those starting within it, less the ones with its
    // first start that sort before position bi.
    const from = s[bi]!;
    const to = s[bj]!;
    const inWindow: number[] = [];
    let last = lo;
    for (let i = lo; i < hi; i++) {
      const t = values[i]!;
      if (t >= values[last]!) last = i;
      if (t >= from && t <= to) inWindow.push(i);
    }
    inWindow.sort((a, b) => values[a]! - values[b]! || (facts[refs[a]!]!.id < facts[refs[b]!]!.id ? -1 : 1));
    const skip = bi - lowerBound(s, from);
    const window = inWindow.slice(skip, skip + best);
    rows.push({
      key: keyName(k),
      label: label(facts[refs[last]!]!, k),
      count: n,
      peak: best,
      peakFrom: isoOf(from),
      peakTo: isoOf(to),
      lastAt: isoOf(s[n - 1]!),
      incidentIds: window.slice(-RECURRING_IDS).map((i) => facts[refs[i]!]!.id),
      candidate: best >= minCount,
    });
  }
  return rows.sort((a, b) => Number(b.candidate) - Number(a.candidate) || b.peak - a.peak || b.count - a.count || a.label.localeCompare(b.label)).slice(0, RECURRING_LIMIT);
}

/**
 * Where a name was first seen: (fact index × 64 + position in the fact's list) + 1, 0 = not yet.
 * Names are resolved to labels only at the end.
 */
const ref = (n: number, i: number): number => n * 64 + i + 1;

function see(refs: Int32Array, ids: readonly number[], n: number): void {
  for (let i = 0; i < ids.length; i++) if (refs[ids[i]!] === 0) refs[ids[i]!] = ref(n, i);
}

function labelOf(facts: readonly IncidentFacts[], r: number, list: (x: IncidentFacts) => readonly string[]): string {
  const x = facts[Math.floor((r - 1) / 64)]!;
  return list(x)[(r - 1) % 64] ?? '';
}

function optionList(facts: readonly IncidentFacts[], refs: Int32Array, list: (x: IncidentFacts) => readonly string[]): string[] {
  const out: string[] = [];
  for (let id = 1; id < refs.length; id++) if (refs[id]) out.push(labelOf(facts, refs[id]!, list));
  return out.sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

const categoryList = (x: IncidentFacts): readonly string[] => [x.category];
const serviceList = (x: IncidentFacts) => x.services;
const teamList = (x: IncidentFacts) => x.teams;
const locationList = (x: IncidentFacts) => x.locations;

/** SLA targets that some priority of some policy version defines, in display order. */
export function policyTargets(policies: readonly SlaPolicy[]): SlaTarget[] {
  return SLA_TARGETS.filter((t) => policies.some((p) => Object.values(p.priorities).some((targets) => targets?.[t] !== undefined)));
}

export interface TrendsOptions {
  /** Now (epoch ms): SLA clocks still running breach when their due time has passed by now; backlog stops at now. */
  now: number;
  /** Targets counted in the SLA totals and breach totals (default: all five). */
  slaTargets?: readonly SlaTarget[];
}

/** Every trend series of the query, in one pass over the facts. */
export function computeTrends(facts: readonly IncidentFacts[], query: TrendsQuery, opts: TrendsOptions): TrendsResult {
  const { now } = opts;
  const from = parseIso(query.from);
  const to = parseIso(query.to);
  const clock = localClock(query.timeZone, from - 32 * DAY, to + 32 * DAY);
  const { list, bounds } = makeBuckets(from, to, query.granularity, query.timeZone, clock);
  const nb = list.length;
  const office = officeHours(query.timeZone, from, to, clock);
  const filters = idFilters(query.filters);
  const windowMs = query.recurrence.windowDays * DAY;
  const names = NAME_KEYS.size;
  const titles = TITLE_KEYS.size;

  const opened = new Int32Array(nb * NP);
  const resolved = new Int32Array(nb * NP);
  // Backlog: open at T_k = min(end of bucket k, now); a difference array over k per priority.
  const backlogAt = new Float64Array(nb);
  for (let b = 0; b < nb; b++) backlogAt[b] = Math.min(list[b]!.end, now);
  const backlogDiff = new Int32Array((nb + 1) * NP);
  const mtta = new Grouped();
  const mttr = new Grouped();
  const ttm = new Grouped();
  // SLA: [target][bucket][priority][met, breached]
  const sla = new Int32Array(NT * nb * NP * 2);
  const escalated = new Int32Array(nb);
  const escalationBase = new Int32Array(nb);
  const reopened = new Int32Array(nb);
  const reopenBase = new Int32Array(nb);
  const afterHours = new Int32Array(nb);
  const workEvents = new Int32Array(nb);
  const heat = new Int32Array(7 * 24);
  const byService = new Breakdown(names, serviceList);
  const byCategory = new Breakdown(names, categoryList);
  const byTeam = new Breakdown(names, teamList);
  const byLocation = new Breakdown(names, locationList);
  const serviceOcc = new Grouped();
  const titleOcc = new Grouped();
  const opt = { categories: new Int32Array(names), services: new Int32Array(names), teams: new Int32Array(names), locations: new Int32Array(names) };
  const excluded = { exercises: 0, cancelled: 0, filtered: 0 };

  for (let n = 0; n < facts.length; n++) {
    const x = facts[n]!;
    if (x.cancelled) {
      excluded.cancelled++;
      continue;
    }
    if (x.exercise && !query.includeExercises) {
      excluded.exercises++;
      continue;
    }
    if (x.categoryId && opt.categories[x.categoryId] === 0) opt.categories[x.categoryId] = ref(n, 0);
    see(opt.services, x.serviceIds, n);
    see(opt.teams, x.teamIds, n);
    see(opt.locations, x.locationIds, n);
    if (!passes(x, filters)) {
      excluded.filtered++;
      continue;
    }
    const p = x.priorityIndex;

    // Opened (by start), and what is counted per opened incident.
    const bo = bucketOf(bounds, x.start);
    if (bo >= 0) {
      opened[bo * NP + p]!++;
      const l = clock.local(x.start);
      const day = Math.floor(l / DAY);
      const weekday = day + 3 - 7 * Math.floor((day + 3) / 7); // 1970-01-01 was a Thursday (3, Monday = 0)
      heat[weekday * 24 + Math.floor((l - day * DAY) / HOUR)]!++;
      escalationBase[bo]!++;
      if (x.escalated) escalated[bo]!++;
      titleOcc.push(x.titleId, x.start, n);
      for (let i = 0; i < x.serviceIds.length; i++) serviceOcc.push(x.serviceIds[i]!, x.start, n);
    }

    // Resolved (by the resolved milestone), time to resolve, reopen rate.
    let ttr = -1;
    if (x.resolved !== null) {
      const br = bucketOf(bounds, x.resolved);
      if (br >= 0) {
        resolved[br * NP + p]!++;
        ttr = Math.max(0, x.resolved - x.start);
        mttr.push(br * NP + p, ttr);
        reopenBase[br]!++;
        if (x.reopened) reopened[br]!++;
      }
    }
    if (bo >= 0 || ttr >= 0) {
      byService.addAll(x.serviceIds, n, bo >= 0, ttr);
      byCategory.add(x.categoryId, ref(n, 0), bo >= 0, ttr);
      byTeam.addAll(x.teamIds, n, bo >= 0, ttr);
      byLocation.addAll(x.locationIds, n, bo >= 0, ttr);
    }

    if (x.acknowledged !== null) {
      const b = bucketOf(bounds, x.acknowledged);
      if (b >= 0) mtta.push(b * NP + p, Math.max(0, x.acknowledged - x.start));
    }
    if (x.mitigated !== null) {
      const b = bucketOf(bounds, x.mitigated);
      if (b >= 0) ttm.push(b * NP + p, Math.max(0, x.mitigated - x.start));
    }

    // Backlog: an interval [s, e) is open at T_k when s ≤ T_k < e.
    const open = x.open;
    for (let i = 0; i < open.length; i += 2) {
      const k0 = lowerBound(backlogAt, open[i]!);
      const k1 = lowerBound(backlogAt, open[i + 1]!, k0);
      if (k0 < k1) {
        backlogDiff[k0 * NP + p]!++;
        backlogDiff[k1 * NP + p]!--;
      }
    }

    // SLA outcomes, ascending by when they were decided: walk the buckets alongside.
    const outcomes = x.sla;
    let i = lowerBound(outcomes, from * 128);
    let b = i < outcomes.length ? bucketOf(bounds, slaTime(outcomes[i]!)) : -1;
    for (; i < outcomes.length; i++) {
      const packed = outcomes[i]!;
      const t = Math.floor(packed / 128);
      if (t >= to) break;
      const code = packed - t * 128;
      const state = SLA_STATE[code]!;
      if (state === SLA_PENDING && t > now) continue; // still running, not yet due
      while (b + 1 < nb && bounds[b + 1]! <= t) b++;
      sla[((SLA_TARGET[code]! * nb + b) * NP + SLA_PRIORITY[code]!) * 2 + (state === SLA_MET ? 0 : 1)]!++;
    }

    // After-hours work: work times ascend, so walk the buckets and office windows alongside.
    const w = x.work;
    i = lowerBound(w, from);
    if (i < w.length && w[i]! < to) {
      b = bucketOf(bounds, w[i]!);
      let k = upperBound(office.ends, w[i]!);
      for (; i < w.length; i++) {
        const t = w[i]!;
        if (t >= to) break;
        while (b + 1 < nb && bounds[b + 1]! <= t) b++;
        while (k < office.ends.length && office.ends[k]! <= t) k++;
        workEvents[b]!++;
        if (!(k < office.ends.length && office.starts[k]! <= t)) afterHours[b]!++;
      }
    }
  }

  // Backlog prefix sums.
  const backlog: (PriorityCounts | null)[] = new Array(nb);
  const running = new Int32Array(NP);
  for (let b = 0; b < nb; b++) {
    for (let q = 0; q < NP; q++) running[q]! += backlogDiff[b * NP + q]!;
    backlog[b] = list[b]!.start > now ? null : { P1: running[0]!, P2: running[1]!, P3: running[2]!, P4: running[3]!, P5: running[4]!, total: running[0]! + running[1]! + running[2]! + running[3]! + running[4]! };
  }

  // SLA cells.
  const targets = opts.slaTargets ?? SLA_TARGETS;
  const slaAt = (t: number, b: number, q: number, k: number) => sla[((t * nb + b) * NP + q) * 2 + k]!;
  const compliance = {} as Record<SlaTarget, SlaPoint[]>;
  const slaTotals = {} as Record<SlaTarget, SlaPoint>;
  const breaches: Array<Record<SlaTarget, number> & { total: number }> = list.map(() => ({ acknowledge: 0, firstUpdate: 0, update: 0, mitigate: 0, resolve: 0, total: 0 }));
  let slaMet = 0;
  let slaBreached = 0;
  SLA_TARGETS.forEach((target, ti) => {
    const points: SlaPoint[] = new Array(nb);
    const tm = new Int32Array(NP);
    const tb = new Int32Array(NP);
    for (let b = 0; b < nb; b++) {
      let m = 0;
      let br = 0;
      const byP = {} as Record<Priority, SlaCell>;
      for (let q = 0; q < NP; q++) {
        const cm = slaAt(ti, b, q, 0);
        const cb = slaAt(ti, b, q, 1);
        m += cm;
        br += cb;
        tm[q]! += cm;
        tb[q]! += cb;
        byP[PRIORITIES[q]!] = cell(cm, cb);
      }
      points[b] = { all: cell(m, br), byPriority: byP };
      breaches[b]![target] = br;
      if (targets.includes(target)) {
        breaches[b]!.total += br;
        slaMet += m;
        slaBreached += br;
      }
    }
    compliance[target] = points;
    const totalsByP = {} as Record<Priority, SlaCell>;
    let am = 0;
    let ab = 0;
    for (let q = 0; q < NP; q++) {
      totalsByP[PRIORITIES[q]!] = cell(tm[q]!, tb[q]!);
      am += tm[q]!;
      ab += tb[q]!;
    }
    slaTotals[target] = { all: cell(am, ab), byPriority: totalsByP };
  });

  const sum = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
  const lastBacklog = backlog.findLast((x) => x !== null);
  let heatMax = 0;
  for (const v of heat) heatMax = Math.max(heatMax, v);
  const mttaPoints = durationPoints(mtta, nb);
  const mttrPoints = durationPoints(mttr, nb);
  const ttmPoints = durationPoints(ttm, nb);
  const serviceLabel = (x: IncidentFacts, key: number) => x.services[x.serviceIds.indexOf(key)] ?? '';
  const { minCount } = query.recurrence;

  return {
    query: {
      from: isoOf(from),
      to: isoOf(to),
      granularity: query.granularity,
      timeZone: query.timeZone,
      includeExercises: query.includeExercises,
      filters: query.filters,
      recurrence: query.recurrence,
    },
    generatedAt: isoOf(now),
    buckets: list.map((b) => ({ key: b.key, start: isoOf(b.start), end: isoOf(b.end), partial: b.partial, future: b.start > now })),
    totals: {
      opened: sum(opened),
      resolved: sum(resolved),
      openAtEnd: lastBacklog?.total ?? 0,
      mtta: mttaPoints.total,
      mttr: mttrPoints.total,
      timeToMitigate: ttmPoints.total,
      sla: cell(slaMet, slaBreached),
      escalation: rate(sum(escalated), sum(escalationBase)),
      reopen: rate(sum(reopened), sum(reopenBase)),
      afterHours: rate(sum(afterHours), sum(workEvents)),
      excluded,
    },
    opened: list.map((_, b) => counts(opened, b)),
    resolved: list.map((_, b) => counts(resolved, b)),
    backlog,
    mtta: mttaPoints.points,
    mttr: mttrPoints.points,
    timeToMitigate: ttmPoints.points,
    sla: { targets: [...targets], compliance, breaches, totals: slaTotals },
    breakdowns: { service: byService.rows(facts), category: byCategory.rows(facts), team: byTeam.rows(facts), location: byLocation.rows(facts) },
    recurring: {
      services: recurringRows(serviceOcc, names, facts, serviceLabel, windowMs, minCount, 1, (k) => NAME_KEYS.keys[k]!),
      titles: recurringRows(titleOcc, titles, facts, (x) => x.title, windowMs, minCount, 2, (k) => TITLE_KEYS.keys[k]!),
    },
    heatmap: { cells: Array.from({ length: 7 }, (_, d) => Array.from(heat.subarray(d * 24, d * 24 + 24))), max: heatMax },
    escalation: list.map((_, b) => rate(escalated[b]!, escalationBase[b]!)),
    reopen: list.map((_, b) => rate(reopened[b]!, reopenBase[b]!)),
    afterHours: list.map((_, b) => rate(afterHours[b]!, workEvents[b]!)),
    options: {
      categories: optionList(facts, opt.categories, categoryList),
      services: optionList(facts, opt.services, serviceList),
      teams: optionList(facts, opt.teams, teamList),
      locations: optionList(facts, opt.locations, locationList),
    },
  };
}


/**
 * The trend series: one pass over per-incident facts (see facts.ts), folding each incident into
 * every series at once. Definitions of each metric: docs/METRICS.md.
 */
import { PRIORITIES, type Priority } from '../domain/priority';
import { SLA_TARGETS, type SlaPolicy, type SlaTarget } from '../sla/policy';
import type { IncidentFacts } from './facts';
import type {
  BreakdownRow,
  DurationPoint,
  PriorityCounts,
  Rate,
  RecurringRow,
  SlaCell,
  SlaPoint,
  TrendsFilters,
  TrendsQuery,
  TrendsResult,
} from './schema';
import { EMPTY_STATS, NumberList, ratio, summarize, type DurationStats } from './stats';
import { bucketOf, DAY, isAfterHours, localClock, lowerBound, makeBuckets, parseIso } from './time';

const NP = PRIORITIES.length; // 5
const PRIORITY_INDEX: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3, P5: 4 };
const NT = SLA_TARGETS.length;
const TARGET_INDEX = Object.fromEntries(SLA_TARGETS.map((t, i) => [t, i])) as Record<SlaTarget, number>;
/** Rows per breakdown (the largest first). */
export const BREAKDOWN_LIMIT = 50;
/** Rows per recurrence list. */
export const RECURRING_LIMIT = 20;
const RECURRING_IDS = 20;

const lower = (s: string): string => s.trim().toLocaleLowerCase('en');

interface NormalFilters {
  priorities: ReadonlySet<Priority> | null;
  categories: ReadonlySet<string> | null;
  teams: ReadonlySet<string> | null;
  services: ReadonlySet<string> | null;
  locations: ReadonlySet<string> | null;
}

function normalFilters(f: TrendsFilters): NormalFilters {
  const set = (xs: readonly string[]) => (xs.length ? new Set(xs.map(lower)) : null);
  return {
    priorities: f.priorities.length ? new Set(f.priorities) : null,
    categories: set(f.categories),
    teams: set(f.teams),
    services: set(f.services),
    locations: set(f.locations),
  };
}

const anyIn = (values: readonly string[], wanted: ReadonlySet<string>): boolean => values.some((v) => wanted.has(v));

/** Whether the incident passes the filters (values within one filter OR, filters AND). */
export function matchesTrendsFilters(x: IncidentFacts, f: NormalFilters): boolean {
  if (f.priorities && !f.priorities.has(x.priority)) return false;
  if (f.categories && !f.categories.has(x.keys.category)) return false;
  if (f.teams && !anyIn(x.keys.teams, f.teams)) return false;
  if (f.services && !anyIn(x.keys.services, f.services)) return false;
  if (f.locations && !anyIn(x.keys.locations, f.locations)) return false;
  return true;
}

/** Duration samples per bucket and priority (index 5 = all priorities); lists made on first use. */
class DurationGroups {
  private readonly lists: (NumberList | undefined)[];
  readonly total = new NumberList();
  constructor(private readonly buckets: number) {
    this.lists = new Array(buckets * (NP + 1));
  }
  add(bucket: number, p: number, value: number): void {
    const base = bucket * (NP + 1);
    (this.lists[base + p] ??= new NumberList()).push(value);
    (this.lists[base + NP] ??= new NumberList()).push(value);
    this.total.push(value);
  }
  private stats(i: number): DurationStats {
    const l = this.lists[i];
    return l ? summarize(l.values()) : EMPTY_STATS;
  }
  points(): DurationPoint[] {
    const out: DurationPoint[] = new Array(this.buckets);
    for (let b = 0; b < this.buckets; b++) {
      const base = b * (NP + 1);
      out[b] = {
        all: this.stats(base + NP),
        byPriority: { P1: this.stats(base), P2: this.stats(base + 1), P3: this.stats(base + 2), P4: this.stats(base + 3), P5: this.stats(base + 4) },
      };
    }
    return out;
  }
}

function counts(a: Int32Array, b: number): PriorityCounts {
  const o = b * NP;
  return { P1: a[o]!, P2: a[o + 1]!, P3: a[o + 2]!, P4: a[o + 3]!, P5: a[o + 4]!, total: a[o]! + a[o + 1]! + a[o + 2]! + a[o + 3]! + a[o + 4]! };
}

const cell = (met: number, breached: number): SlaCell => ({ met, breached, compliance: ratio(met, met + breached) });
const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, rate: ratio(numerator, denominator) });

interface Breakdown {
  label: string;
  opened: number;
  resolved: number;
  mttr: NumberList;
}

function breakdownAdd(map: Map<string, Breakdown>, keys: readonly string[], labels: readonly string[], opened: boolean, mttr: number | null): void {
  const n = keys.length || 1;
  for (let i = 0; i < n; i++) {
    const key = keys[i] ?? '';
    let b = map.get(key);
    if (!b) map.set(key, (b = { label: labels[i] ?? '', opened: 0, resolved: 0, mttr: new NumberList() }));
    if (opened) b.opened++;
    if (mttr !== null) {
      b.resolved++;
      b.mttr.push(mttr);
    }
  }
}

function breakdownRows(map: Map<string, Breakdown>): BreakdownRow[] {
  return [...map.values()]
    .sort((a, b) => b.opened - a.opened || b.resolved - a.resolved || a.label.localeCompare(b.label))
    .slice(0, BREAKDOWN_LIMIT)
    .map((b) => ({ key: b.label, opened: b.opened, resolved: b.resolved, mttr: summarize(b.mttr.values()) }));
}

interface Occurrences {
  label: string;
  labelAt: number;
  starts: number[];
  ids: string[];
}

function occur(map: Map<string, Occurrences>, key: string, label: string, start: number, id: string): void {
  let o = map.get(key);
  if (!o) map.set(key, (o = { label, labelAt: start, starts: [], ids: [] }));
  if (start >= o.labelAt) {
    o.label = label;
    o.labelAt = start;
  }
  o.starts.push(start);
  o.ids.push(id);
}

const isoOf = (t: number): string => new Date(t).toISOString();

/** The densest window: most occurrences whose starts lie less than `windowMs` apart. */
function recurringRows(map: Map<string, Occurrences>, windowMs: number, minCount: number, minTotal: number): RecurringRow[] {
  const rows: RecurringRow[] = [];
  for (const [key, o] of map) {
    if (o.starts.length < minTotal) continue;
    const order = o.starts.map((_, i) => i).sort((a, b) => o.starts[a]! - o.starts[b]! || (o.ids[a]! < o.ids[b]! ? -1 : 1));
    const s = order.map((i) => o.starts[i]!);
    let best = 0;
    let bi = 0;
    let bj = 0;
    for (let i = 0, j = 0; j < s.length; j++) {
      while (s[j]! - s[i]! >= windowMs) i++;
      if (j - i + 1 > best) {
        best = j - i + 1;
        bi = i;
        bj = j;
      }
    }
    rows.push({
      key,
      label: o.label,
      count: s.length,
      peak: best,
      peakFrom: isoOf(s[bi]!),
      peakTo: isoOf(s[bj]!),
      lastAt: isoOf(s[s.length - 1]!),
      incidentIds: order.slice(bi, bj + 1).slice(-RECURRING_IDS).map((i) => o.ids[i]!),
      candidate: best >= minCount,
    });
  }
  return rows.sort((a, b) => Number(b.candidate) - Number(a.candidate) || b.peak - a.peak || b.count - a.count || a.label.localeCompare(b.label)).slice(0, RECURRING_LIMIT);
}

function sortedValues(m: Map<string, string>): string[] {
  return [...m.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}

function remember(m: Map<string, string>, keys: readonly string[], labels: readonly string[]): void {
  for (let i = 0; i < keys.length; i++) if (keys[i] && !m.has(keys[i]!)) m.set(keys[i]!, labels[i]!);
}

/** SLA targets that some priority of some policy version defines, in display order. */
export function policyTargets(policies: readonly SlaPolicy[]): SlaTarget[] {
  return SLA_TARGETS.filter((t) => policies.some((p) => Object.values(p.priorities).some((targets) => targets?.[t] !== undefined)));
}

export interface TrendsOptions {
  /** Now (epoch ms): SLA clocks still running breach when their due time has passed by now; backlog stops at now. */
  now: number;
  /** Targets to report (default: all five). */
  slaTargets?: readonly SlaTarget[];
}

/** Every trend series of the query, in one pass over the facts. */
export function computeTrends(facts: readonly IncidentFacts[], query: TrendsQuery, opts: TrendsOptions): TrendsResult {
  const { now } = opts;
  const from = parseIso(query.from);
  const to = parseIso(query.to);
  const { list, bounds } = makeBuckets(from, to, query.granularity, query.timeZone);
  const nb = list.length;
  const clock = localClock(query.timeZone, from, to);
  const filters = normalFilters(query.filters);
  const windowMs = query.recurrence.windowDays * DAY;

  const opened = new Int32Array(nb * NP);
  const resolved = new Int32Array(nb * NP);
  // Backlog: open at T_k = min(end of bucket k, now); a difference array over k per priority.
  const backlogAt = new Float64Array(nb);
  for (let b = 0; b < nb; b++) backlogAt[b] = Math.min(list[b]!.end, now);
  const backlogDiff = new Int32Array((nb + 1) * NP);
  const mtta = new DurationGroups(nb);
  const mttr = new DurationGroups(nb);
  const ttm = new DurationGroups(nb);
  // SLA: [target][bucket][priority][met, breached]
  const sla = new Int32Array(NT * nb * NP * 2);
  const escalated = new Int32Array(nb);
  const escalationBase = new Int32Array(nb);
  const reopened = new Int32Array(nb);
  const reopenBase = new Int32Array(nb);
  const afterHours = new Int32Array(nb);
  const workEvents = new Int32Array(nb);
  const heat = new Int32Array(7 * 24);
  const byService = new Map<string, Breakdown>();
  const byCategory = new Map<string, Breakdown>();
  const byTeam = new Map<string, Breakdown>();
  const byLocation = new Map<string, Breakdown>();
  const serviceOcc = new Map<string, Occurrences>();
  const titleOcc = new Map<string, Occurrences>();
  const opt = { categories: new Map<string, string>(), services: new Map<string, string>(), teams: new Map<string, string>(), locations: new Map<string, string>() };
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
    if (x.keys.category) remember(opt.categories, [x.keys.category], [x.category]);
    remember(opt.services, x.keys.services, x.services);
    remember(opt.teams, x.keys.teams, x.teams);
    remember(opt.locations, x.keys.locations, x.locations);
    if (!matchesTrendsFilters(x, filters)) {
      excluded.filtered++;
      continue;
    }
    const p = PRIORITY_INDEX[x.priority];

    // Opened (by start), and what is counted per opened incident.
    const bo = bucketOf(bounds, x.start);
    if (bo >= 0) {
      opened[bo * NP + p]!++;
      heat[clock.weekday(x.start) * 24 + clock.hour(x.start)]!++;
      escalationBase[bo]!++;
      if (x.escalated) escalated[bo]!++;
      occur(titleOcc, x.titleKey, x.title, x.start, x.id);
      for (let i = 0; i < x.keys.services.length; i++) occur(serviceOcc, x.keys.services[i]!, x.services[i]!, x.start, x.id);
    }

    // Resolved (by the resolved milestone), time to resolve, reopen rate.
    let ttr: number | null = null;
    if (x.resolved !== null) {
      const br = bucketOf(bounds, x.resolved);
      if (br >= 0) {
        resolved[br * NP + p]!++;
        ttr = Math.max(0, x.resolved - x.start);
        mttr.add(br, p, ttr);
        reopenBase[br]!++;
        if (x.reopened) reopened[br]!++;
      }
    }
    if (bo >= 0 || ttr !== null) {
      breakdownAdd(byService, x.keys.services, x.services, bo >= 0, ttr);
      breakdownAdd(byCategory, x.keys.category ? [x.keys.category] : [], [x.category], bo >= 0, ttr);
      breakdownAdd(byTeam, x.keys.teams, x.teams, bo >= 0, ttr);
      breakdownAdd(byLocation, x.keys.locations, x.locations, bo >= 0, ttr);
    }

    if (x.acknowledged !== null) {
      const b = bucketOf(bounds, x.acknowledged);
      if (b >= 0) mtta.add(b, p, Math.max(0, x.acknowledged - x.start));
    }
    if (x.mitigated !== null) {
      const b = bucketOf(bounds, x.mitigated);
      if (b >= 0) ttm.add(b, p, Math.max(0, x.mitigated - x.start));
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

    // SLA outcomes, by when they were decided.
    for (let i = 0; i < x.sla.length; i++) {
      const o = x.sla[i]!;
      const breached = o.state === 'breached' || (o.state === 'pending' && o.at <= now);
      if (!breached && o.state !== 'met') continue;
      const b = bucketOf(bounds, o.at);
      if (b < 0) continue;
      sla[((TARGET_INDEX[o.target] * nb + b) * NP + PRIORITY_INDEX[o.priority]) * 2 + (breached ? 1 : 0)]!++;
    }

    // After-hours work: the work times are sorted, so walk the buckets alongside.
    const w = x.work;
    let b = -1;
    for (let i = lowerBound(w, from); i < w.length; i++) {
      const t = w[i]!;
      if (t >= to) break;
      while (b + 1 < nb && bounds[b + 1]! <= t) b++;
      workEvents[b]!++;
      if (isAfterHours(clock, t)) afterHours[b]!++;
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
  for (const target of SLA_TARGETS) {
    const ti = TARGET_INDEX[target];
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
  }

  const sum = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
  const lastBacklog = nb ? backlog.findLast((x) => x !== null) : undefined;
  let heatMax = 0;
  for (const v of heat) heatMax = Math.max(heatMax, v);

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
      mtta: summarize(mtta.total.values()),
      mttr: summarize(mttr.total.values()),
      timeToMitigate: summarize(ttm.total.values()),
      sla: cell(slaMet, slaBreached),
      escalation: rate(sum(escalated), sum(escalationBase)),
      reopen: rate(sum(reopened), sum(reopenBase)),
      afterHours: rate(sum(afterHours), sum(workEvents)),
      excluded,
    },
    opened: list.map((_, b) => counts(opened, b)),
    resolved: list.map((_, b) => counts(resolved, b)),
    backlog,
    mtta: mtta.points(),
    mttr: mttr.points(),
    timeToMitigate: ttm.points(),
    sla: { targets: [...targets], compliance, breaches, totals: slaTotals },
    breakdowns: {
      service: breakdownRows(byService),
      category: breakdownRows(byCategory),
      team: breakdownRows(byTeam),
      location: breakdownRows(byLocation),
    },
    recurring: {
      services: recurringRows(serviceOcc, windowMs, query.recurrence.minCount, 1),
      titles: recurringRows(titleOcc, windowMs, query.recurrence.minCount, 2),
    },
    heatmap: { cells: Array.from({ length: 7 }, (_, d) => Array.from(heat.subarray(d * 24, d * 24 + 24))), max: heatMax },
    escalation: list.map((_, b) => rate(escalated[b]!, escalationBase[b]!)),
    reopen: list.map((_, b) => rate(reopened[b]!, reopenBase[b]!)),
    afterHours: list.map((_, b) => rate(afterHours[b]!, workEvents[b]!)),
    options: { categories: sortedValues(opt.categories), services: sortedValues(opt.services), teams: sortedValues(opt.teams), locations: sortedValues(opt.locations) },
  };
}

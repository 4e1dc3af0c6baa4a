/**
 * A deliberately naive implementation of every trend series: each series is computed on its own
 * by scanning every incident's whole timeline again (Date.parse on every event, Intl for every
 * local time, a linear bucket search). It shares no code with shared/metrics except the bucket
 * edges, so it serves both as the correctness oracle (metrics-naive.test.ts) and as the
 * benchmark baseline (tests/bench/metrics-bench.ts).
 */
import type { IncidentState } from '../../shared/domain/incident';
import type { Status } from '../../shared/domain/lifecycle';
import { PRIORITIES, type Priority } from '../../shared/domain/priority';
import type { TrendsQuery, TrendsResult } from '../../shared/metrics/schema';
import { makeBuckets } from '../../shared/metrics/time';
import { allCycles } from '../../shared/sla/clocks';
import { policyFor, SLA_TARGETS, type SlaPolicy, type SlaTarget } from '../../shared/sla/policy';

type Result = TrendsResult;
type Stats = Result['totals']['mtta'];
const DAY = 86_400_000;

export interface NaiveOptions {
  now: number;
  slaPolicies: readonly SlaPolicy[];
  slaTargets?: readonly SlaTarget[];
}

const low = (s: string) => s.trim().toLowerCase();
const ms = (iso: string | undefined | null): number | null => (iso ? Date.parse(iso) : null);
const isoOf = (t: number) => new Date(t).toISOString();

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function naiveStats(values: number[]): Stats {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return { n: 0, median: null, p90: null, mean: null };
  return { n: s.length, median: quantile(s, 0.5), p90: quantile(s, 0.9), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

function distinct(values: string[]): string[] {
  const seen = new Set<string>();
  return values.map((v) => v.trim()).filter((v) => v && !seen.has(low(v)) && Boolean(seen.add(low(v))));
}
const teamsOf = (s: IncidentState) => distinct(s.responders.map((r) => r.team));
const locationsOf = (s: IncidentState) => distinct(s.tags.map((t) => /^location:\s*(.+)$/i.exec(t)?.[1] ?? ''));
const servicesOf = (s: IncidentState) => distinct(s.services);

/** Included in metrics at all: not cancelled, not an exercise (unless asked). */
function eligible(s: IncidentState, q: TrendsQuery): boolean {
  return s.status !== 'cancelled' && (q.includeExercises || !s.exercise);
}

function passes(s: IncidentState, q: TrendsQuery): boolean {
  const f = q.filters;
  const hit = (values: string[], wanted: string[]) => wanted.length === 0 || values.some((v) => wanted.map(low).includes(low(v)));
  return (
    eligible(s, q) &&
    (f.priorities.length === 0 || f.priorities.includes(s.priority)) &&
    (f.categories.length === 0 || f.categories.map(low).includes(low(s.category))) &&
    hit(teamsOf(s), f.teams) &&
    hit(servicesOf(s), f.services) &&
    hit(locationsOf(s), f.locations)
  );
}

const start = (s: IncidentState) => ms(s.milestones.impactStarted) ?? Date.parse(s.createdAt);

/** Status changes in fold order with their (monotone) times. */
function statusChanges(s: IncidentState): Array<{ at: number; from: Status; to: Status }> {
  const out: Array<{ at: number; from: Status; to: Status }> = [];
  let status: Status = 'new';
  let last = Date.parse(s.createdAt);
  for (const e of s.timeline) {
    if (e.type !== 'incident.statusChanged') continue;
    const to = (e.data as { to: Status }).to;
    if (to === status) continue;
    last = Math.max(last, Date.parse(e.recordedAt));
    out.push({ at: last, from: status, to });
    status = to;
  }
  return out;
}

const acknowledged = (s: IncidentState) => ms(s.milestones.acknowledged) ?? statusChanges(s).find((c) => c.from === 'new')?.at ?? null;
const resolvedAt = (s: IncidentState) => ms(s.milestones.resolved);
const mitigatedAt = (s: IncidentState) => ms(s.milestones.mitigated) ?? resolvedAt(s);

function escalated(s: IncidentState): boolean {
  let p: Priority | undefined;
  for (const e of s.timeline) {
    if (e.type === 'escalation.raised') return true;
    const np = (e.data as { priority?: Priority } | undefined)?.priority;
    if (e.type === 'incident.created' && !p) p = np;
    if (e.type === 'incident.priorityChanged' && np) {
      if (p && PRIORITIES.indexOf(np) < PRIORITIES.indexOf(p)) return true;
      p = np;
    }
  }
  return false;
}

const DONE = ['resolved', 'closed', 'cancelled'];
const reopened = (s: IncidentState) => statusChanges(s).some((c) => (c.from === 'resolved' || c.from === 'closed') && !DONE.includes(c.to));

function openIntervals(s: IncidentState): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let since = start(s);
  let first = true;
  for (const c of statusChanges(s)) {
    if (!DONE.includes(c.from) && DONE.includes(c.to)) {
      const r = resolvedAt(s);
      const end = first && r !== null && c.to !== 'cancelled' ? r : c.at;
      out.push([since, Math.max(since, end)]);
      first = false;
    } else if (DONE.includes(c.from) && !DONE.includes(c.to)) since = c.at;
  }
  if (!DONE.includes(s.status)) out.push([since, Infinity]);
  return out;
}

const WORK = /^(incident|role|responder|task|relation|entry)\./;

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(t: number, timeZone: string): { weekday: number; hour: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = f.formatToParts(new Date(t));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')), hour: Number(get('hour')), minute: Number(get('minute')) };
}

function byP<T>(f: (p: Priority) => T): Record<Priority, T> {
  return { P1: f('P1'), P2: f('P2'), P3: f('P3'), P4: f('P4'), P5: f('P5') };
}

/** Every series, each computed on its own by scanning all incidents again. */
export function naiveTrends(incidents: readonly IncidentState[], q: TrendsQuery, opts: NaiveOptions): Result {
  const { now } = opts;
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const buckets = makeBuckets(from, to, q.granularity, q.timeZone).list;
  const bucketIndex = (t: number | null) => (t === null ? -1 : buckets.findIndex((b) => t >= b.start && t < b.end));
  const inRange = (t: number | null): t is number => t !== null && t >= from && t < to;
  const sel = () => incidents.filter((s) => passes(s, q));

  const countBy = (when: (s: IncidentState) => number | null) => {
    const rows = buckets.map(() => byP(() => 0));
    for (const s of sel()) {
      const b = bucketIndex(when(s));
      if (b >= 0) rows[b]![s.priority]++;
    }
    return rows.map((row) => ({ ...row, total: PRIORITIES.reduce((a, p) => a + row[p], 0) }));
  };

  const durations = (end: (s: IncidentState) => number | null) => {
    const values = buckets.map(() => ({ all: [] as number[], byPriority: byP(() => [] as number[]) }));
    const total: number[] = [];
    for (const s of sel()) {
      const e = end(s);
      const b = bucketIndex(e);
      if (b < 0) continue;
      const d = Math.max(0, e! - start(s));
      values[b]!.all.push(d);
      values[b]!.byPriority[s.priority].push(d);
      total.push(d);
    }
    return { points: values.map((v) => ({ all: naiveStats(v.all), byPriority: byP((p) => naiveStats(v.byPriority[p])) })), total: naiveStats(total) };
  };

  const backlog = (() => {
    const rows = buckets.map(() => byP(() => 0));
    for (const s of sel()) {
      const intervals = openIntervals(s);
      buckets.forEach((b, k) => {
        const at = Math.min(b.end, now);
        if (intervals.some(([a, e]) => a <= at && at < e)) rows[k]![s.priority]++;
      });
    }
    return rows.map((row, k) => (buckets[k]!.start > now ? null : { ...row, total: PRIORITIES.reduce((a, p) => a + row[p], 0) }));
  })();

  // SLA: every cycle's outcome, decided by now, bucketed by when it was decided (one scan, all targets).
  const decided = new Map<SlaTarget, Array<{ at: number; priority: Priority; breached: boolean }>>(SLA_TARGETS.map((t) => [t, []]));
  for (const s of sel()) {
    const pol = policyFor(s, opts.slaPolicies);
    if (!pol) continue;
    for (const c of allCycles(s, pol, now)) {
      const out = decided.get(c.target)!;
      if (c.state === 'met') out.push({ at: c.metAt!, priority: c.priority, breached: false });
      else if (c.state === 'breached') out.push({ at: c.breachedAt!, priority: c.priority, breached: true });
      else if ((c.state === 'running' || c.state === 'warning' || (c.state === 'paused' && c.pausedBy === 'calendar')) && c.dueAt !== null && c.dueAt <= now)
        out.push({ at: c.dueAt, priority: c.priority, breached: true });
    }
  }
  const cell = (xs: Array<{ breached: boolean }>) => {
    const breached = xs.filter((x) => x.breached).length;
    const met = xs.length - breached;
    return { met, breached, compliance: xs.length ? met / xs.length : null };
  };
  const targets = opts.slaTargets ?? SLA_TARGETS;
  const compliance = {} as Result['sla']['compliance'];
  const slaTotals = {} as Result['sla']['totals'];
  const breaches = buckets.map(() => ({ acknowledge: 0, firstUpdate: 0, update: 0, mitigate: 0, resolve: 0, total: 0 }));
  let allDecided: Array<{ breached: boolean }> = [];
  for (const target of SLA_TARGETS) {
    const os = decided.get(target)!.filter((o) => inRange(o.at));
    const perBucket = buckets.map(() => [] as typeof os);
    for (const o of os) perBucket[bucketIndex(o.at)]!.push(o);
    compliance[target] = perBucket.map((inB, b) => {
      breaches[b]![target] = inB.filter((o) => o.breached).length;
      if (targets.includes(target)) breaches[b]!.total += breaches[b]![target];
      return { all: cell(inB), byPriority: byP((p) => cell(inB.filter((o) => o.priority === p))) };
    });
    slaTotals[target] = { all: cell(os), byPriority: byP((p) => cell(os.filter((o) => o.priority === p))) };
    if (targets.includes(target)) allDecided = allDecided.concat(os);
  }

  const rate = (num: number, den: number) => ({ numerator: num, denominator: den, rate: den ? num / den : null });
  const rateSeries = (when: (s: IncidentState) => number | null, counts: (s: IncidentState) => boolean) => {
    const num = buckets.map(() => 0);
    const den = buckets.map(() => 0);
    for (const s of sel()) {
      const b = bucketIndex(when(s));
      if (b < 0) continue;
      den[b]!++;
      if (counts(s)) num[b]!++;
    }
    return buckets.map((_, b) => rate(num[b]!, den[b]!));
  };
  const escalation = rateSeries(start, escalated);
  const reopen = rateSeries(resolvedAt, reopened);
  const afterHours = (() => {
    const num = buckets.map(() => 0);
    const den = buckets.map(() => 0);
    for (const s of sel()) {
      for (const e of s.timeline) {
        if (!WORK.test(e.type)) continue;
        const t = Date.parse(e.recordedAt);
        const b = bucketIndex(t);
        if (b < 0) continue;
        den[b]!++;
        const l = localParts(t, q.timeZone);
        const minute = l.hour * 60 + l.minute;
        if (l.weekday >= 5 || minute < 480 || minute >= 1080) num[b]!++;
      }
    }
    return buckets.map((_, b) => rate(num[b]!, den[b]!));
  })();

  const breakdown = (values: (s: IncidentState) => string[]) => {
    const rows = new Map<string, { key: string; opened: number; resolved: number; ttr: number[] }>();
    for (const s of sel()) {
      const opened = inRange(start(s));
      const r = resolvedAt(s);
      const resolved = inRange(r);
      if (!opened && !resolved) continue;
      const vs = values(s);
      for (const v of vs.length ? vs : ['']) {
        const row = rows.get(low(v)) ?? { key: v, opened: 0, resolved: 0, ttr: [] };
        rows.set(low(v), row);
        if (opened) row.opened++;
        if (resolved) {
          row.resolved++;
          row.ttr.push(Math.max(0, r! - start(s)));
        }
      }
    }
    return [...rows.values()]
      .sort((a, b) => b.opened - a.opened || b.resolved - a.resolved || a.key.localeCompare(b.key))
      .slice(0, 50)
      .map((r) => ({ key: r.key, opened: r.opened, resolved: r.resolved, mttr: naiveStats(r.ttr) }));
  };

  const recurring = (groups: (s: IncidentState) => Array<{ key: string; label: string }>, minTotal: number) => {
    const map = new Map<string, Array<{ at: number; id: string; label: string }>>();
    for (const s of sel()) {
      if (!inRange(start(s))) continue;
      for (const g of groups(s)) map.set(g.key, [...(map.get(g.key) ?? []), { at: start(s), id: s.id, label: g.label }]);
    }
    const rows = [];
    for (const [key, list] of map) {
      if (list.length < minTotal) continue;
      list.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
      let best = { n: 0, i: 0, j: 0 };
      for (let i = 0; i < list.length; i++)
        for (let j = i; j < list.length; j++) if (list[j]!.at - list[i]!.at < q.recurrence.windowDays * DAY && j - i + 1 > best.n) best = { n: j - i + 1, i, j };
      // The label of the latest occurrence (the last one in input order among equal times).
      let label = list[0]!.label;
      let labelAt = -Infinity;
      for (const s of sel()) {
        if (!inRange(start(s))) continue;
        const g = groups(s).find((x) => x.key === key);
        if (g && start(s) >= labelAt) {
          label = g.label;
          labelAt = start(s);
        }
      }
      rows.push({
        key,
        label,
        count: list.length,
        peak: best.n,
        peakFrom: isoOf(list[best.i]!.at),
        peakTo: isoOf(list[best.j]!.at),
        lastAt: isoOf(list[list.length - 1]!.at),
        incidentIds: list.slice(best.i, best.j + 1).slice(-20).map((x) => x.id),
        candidate: best.n >= q.recurrence.minCount,
      });
    }
    return rows.sort((a, b) => Number(b.candidate) - Number(a.candidate) || b.peak - a.peak || b.count - a.count || a.label.localeCompare(b.label)).slice(0, 20);
  };
  const titleKey = (t: string) => t.toLowerCase().replace(/\d+/g, '#').replace(/[^\p{L}\p{N}#]+/gu, ' ').trim();

  const cells = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const s of sel()) {
    if (!inRange(start(s))) continue;
    const l = localParts(start(s), q.timeZone);
    cells[l.weekday]![l.hour]!++;
  }

  const options = (values: (s: IncidentState) => string[]) => {
    const m = new Map<string, string>();
    for (const s of incidents) if (eligible(s, q)) for (const v of values(s)) if (!m.has(low(v))) m.set(low(v), v);
    return [...m.values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  };

  const opened = countBy(start);
  const resolved = countBy(resolvedAt);
  const mtta = durations(acknowledged);
  const mttr = durations(resolvedAt);
  const ttm = durations(mitigatedAt);
  const sumRate = (rs: Array<{ numerator: number; denominator: number }>) =>
    rate(
      rs.reduce((a, r) => a + r.numerator, 0),
      rs.reduce((a, r) => a + r.denominator, 0),
    );
  const lastBacklog = [...backlog].reverse().find((x) => x !== null);

  return {
    query: { from: isoOf(from), to: isoOf(to), granularity: q.granularity, timeZone: q.timeZone, includeExercises: q.includeExercises, filters: q.filters, recurrence: q.recurrence },
    generatedAt: isoOf(now),
    buckets: buckets.map((b) => ({ key: b.key, start: isoOf(b.start), end: isoOf(b.end), partial: b.partial, future: b.start > now })),
    totals: {
      opened: opened.reduce((a, r) => a + r.total, 0),
      resolved: resolved.reduce((a, r) => a + r.total, 0),
      openAtEnd: lastBacklog?.total ?? 0,
      mtta: mtta.total,
      mttr: mttr.total,
      timeToMitigate: ttm.total,
      sla: cell(allDecided),
      escalation: sumRate(escalation),
      reopen: sumRate(reopen),
      afterHours: sumRate(afterHours),
      excluded: {
        exercises: incidents.filter((s) => s.status !== 'cancelled' && s.exercise && !q.includeExercises).length,
        cancelled: incidents.filter((s) => s.status === 'cancelled').length,
        filtered: incidents.filter((s) => eligible(s, q) && !passes(s, q)).length,
      },
    },
    opened,
    resolved,
    backlog,
    mtta: mtta.points,
    mttr: mttr.points,
    timeToMitigate: ttm.points,
    sla: { targets: [...targets], compliance, breaches, totals: slaTotals },
    breakdowns: {
      service: breakdown(servicesOf),
      category: breakdown((s) => (s.category.trim() ? [s.category.trim()] : [])),
      team: breakdown(teamsOf),
      location: breakdown(locationsOf),
    },
    recurring: {
      services: recurring((s) => servicesOf(s).map((v) => ({ key: low(v), label: v })), 1),
      titles: recurring((s) => [{ key: titleKey(s.title), label: s.title }], 2),
    },
    heatmap: { cells, max: Math.max(...cells.flat()) },
    escalation,
    reopen,
    afterHours,
    options: {
      categories: options((s) => (s.category.trim() ? [s.category.trim()] : [])),
      services: options(servicesOf),
      teams: options(teamsOf),
      locations: options(locationsOf),
    },
  };
}

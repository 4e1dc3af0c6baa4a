/**
 * Shapes a trends result into chart rows and tables (the table view and the CSV export use the
 * same table). Pure: no React, no DOM.
 */
import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import type { DurationStats, PriorityCounts, TrendsResult } from '../../../../shared/metrics';
import { SLA_TARGET_LABELS, type SlaTarget } from '../../../../shared/sla/policy';
import type { CsvCell } from './csv';
import { bucketTick, formatCount, formatDuration, formatPercent, periodLabel, toHours, toPercent } from './format';

export type Granularity = TrendsResult['query']['granularity'];

/** What the table view shows and the CSV holds. */
export interface ChartTable {
  columns: string[];
  rows: CsvCell[][];
  /** Index of a column holding a list of incident ids joined by ", ": the table view wraps it instead of one long line. */
  listColumn?: number;
}

export type ChartRow = Record<string, string | number | null>;

export interface ChartData {
  rows: ChartRow[];
  table: ChartTable;
  /** One sentence for the caption and screen readers. */
  summary: string;
}

const g = (r: TrendsResult): Granularity => r.query.granularity;

/** "1 incident", "3 incidents". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The query's filters in words, e.g. "P1, P2 · Service Email · exercises included" ('' without filters). */
export function describeFilters(q: Pick<TrendsResult['query'], 'filters' | 'includeExercises'>): string {
  const f = q.filters;
  const parts: string[] = [];
  if (f.priorities.length) parts.push(f.priorities.join(', '));
  if (f.categories.length) parts.push(`Category ${f.categories.join(', ')}`);
  if (f.services.length) parts.push(`Service ${f.services.join(', ')}`);
  if (f.teams.length) parts.push(`Team ${f.teams.join(', ')}`);
  if (f.locations.length) parts.push(`Location ${f.locations.join(', ')}`);
  if (q.includeExercises) parts.push('exercises included');
  return parts.join(' · ');
}
const periodName: Record<Granularity, string> = { day: 'day', week: 'week', month: 'month' };

function base(r: TrendsResult, i: number): { key: string; tick: string; period: string } {
  const b = r.buckets[i]!;
  return { key: b.key, tick: bucketTick(b.key, g(r)), period: periodLabel(b, g(r)) };
}

function peak<T>(items: readonly T[], value: (x: T) => number | null): { index: number; value: number } | undefined {
  let best: { index: number; value: number } | undefined;
  items.forEach((x, index) => {
    const v = value(x);
    if (v !== null && (!best || v > best.value)) best = { index, value: v };
  });
  return best;
}

/** Incidents opened or resolved per period, stacked by priority. */
export function priorityCounts(r: TrendsResult, series: 'opened' | 'resolved'): ChartData {
  const data = r[series];
  const rows = data.map((c, i) => ({ ...base(r, i), ...c }));
  const top = peak(data, (c) => c.total);
  const total = data.reduce((a, c) => a + c.total, 0);
  return {
    rows,
    table: { columns: ['Period', ...PRIORITIES, 'Total'], rows: rows.map((x, i) => [x.period, ...PRIORITIES.map((p) => data[i]![p]), data[i]!.total]) },
    summary:
      total === 0
        ? `No incidents ${series} in this range.`
        : `${plural(total, 'incident')} ${series}; the busiest ${periodName[g(r)]} was ${rows[top!.index]!.period} with ${formatCount(top!.value)}.`,
  };
}

/** Open incidents at the end of each period, by priority. */
export function backlog(r: TrendsResult): ChartData {
  const rows = r.backlog.map((c: PriorityCounts | null, i) => ({ ...base(r, i), ...(c ?? { P1: null, P2: null, P3: null, P4: null, P5: null, total: null }) }));
  const known = r.backlog.filter((c): c is PriorityCounts => c !== null);
  const last = known.at(-1);
  const top = peak(r.backlog, (c) => c?.total ?? null);
  return {
    rows,
    table: { columns: ['Period end', ...PRIORITIES, 'Total'], rows: rows.map((x, i) => [x.period, ...PRIORITIES.map((p) => r.backlog[i]?.[p] ?? null), r.backlog[i]?.total ?? null]) },
    summary: !last
      ? 'No data in this range.'
      : top!.value === 0
        ? 'No incident was open at the end of any period.'
        : `${formatCount(last.total)} open at the end of the range; at most ${formatCount(top!.value)} (${rows[top!.index]!.period}).`,
  };
}

export type DurationMetric = 'mtta' | 'mttr' | 'timeToMitigate';
export const DURATION_TITLES: Record<DurationMetric, string> = {
  mtta: 'Time to acknowledge',
  mttr: 'Time to resolve',
  timeToMitigate: 'Time to mitigate',
};

/** A unit that keeps duration numbers readable: minutes under 2 hours, days beyond 3 days, else hours. */
export interface DurationUnit {
  label: 'min' | 'h' | 'd';
  ms: number;
}

export function durationUnit(maxMs: number): DurationUnit {
  if (maxMs < 2 * 3_600_000) return { label: 'min', ms: 60_000 };
  if (maxMs > 72 * 3_600_000) return { label: 'd', ms: 86_400_000 };
  return { label: 'h', ms: 3_600_000 };
}

const inUnit = (ms: number | null, unit: DurationUnit): number | null => (ms === null ? null : Math.round((ms / unit.ms) * 100) / 100);

/** Median, 90th percentile and mean per period, for one priority or all, in a unit that suits the values. */
export function durations(r: TrendsResult, metric: DurationMetric, priority: Priority | 'all'): ChartData & { unit: DurationUnit } {
  const stats = (i: number): DurationStats => (priority === 'all' ? r[metric][i]!.all : r[metric][i]!.byPriority[priority]);
  let max = 0;
  r.buckets.forEach((_, i) => (max = Math.max(max, stats(i).p90 ?? 0, stats(i).mean ?? 0)));
  const unit = durationUnit(max);
  const rows = r.buckets.map((_, i) => {
    const s = stats(i);
    return { ...base(r, i), n: s.n, median: inUnit(s.median, unit), p90: inUnit(s.p90, unit), mean: inUnit(s.mean, unit) };
  });
  const total = r.totals[metric];
  const who = priority === 'all' ? 'all priorities' : priority;
  return {
    rows,
    unit,
    table: {
      columns: ['Period', 'Incidents', `Median (${unit.label})`, `90th percentile (${unit.label})`, `Mean (${unit.label})`],
      rows: rows.map((x) => [x.period, x.n, x.median, x.p90, x.mean]),
    },
    summary:
      priority === 'all' && total.n
        ? `Over the range (${who}): median ${formatDuration(total.median)}, 90th percentile ${formatDuration(total.p90)}, mean ${formatDuration(total.mean)} across ${plural(total.n, 'incident')}.`
        : `${DURATION_TITLES[metric]} per ${periodName[g(r)]} for ${who}.`,
  };
}

export function targetLabel(t: SlaTarget): string {
  const l = SLA_TARGET_LABELS[t];
  return l.charAt(0).toUpperCase() + l.slice(1);
}

/** SLA compliance (%) per period for one target: all priorities and each priority. */
export function slaCompliance(r: TrendsResult, target: SlaTarget): ChartData {
  const points = r.sla.compliance[target];
  const rows: ChartRow[] = points.map((p, i) => ({
    ...base(r, i),
    all: toPercent(p.all.compliance),
    ...Object.fromEntries(PRIORITIES.map((q) => [q, toPercent(p.byPriority[q].compliance)])),
  }));
  const t = r.sla.totals[target].all;
  return {
    rows,
    table: {
      columns: ['Period', 'Met', 'Breached', 'All (%)', ...PRIORITIES.map((p) => `${p} (%)`)],
      rows: points.map((p, i) => [rows[i]!.period, p.all.met, p.all.breached, rows[i]!.all, ...PRIORITIES.map((q) => rows[i]![q] ?? null)]),
    },
    summary: t.met + t.breached ? `${targetLabel(target)} target met ${formatPercent(t.compliance)} of the time (${formatCount(t.met)} met, ${formatCount(t.breached)} breached).` : `No ${SLA_TARGET_LABELS[target]} clock decided in this range.`,
  };
}

/** SLA breaches per period, stacked by target. */
export function slaBreaches(r: TrendsResult): ChartData {
  const targets = r.sla.targets;
  const rows: ChartRow[] = r.sla.breaches.map((b, i) => ({ ...base(r, i), ...Object.fromEntries(targets.map((t) => [t, b[t]])), total: b.total }));
  const totals = targets.map((t) => [t, r.sla.breaches.reduce((a, b) => a + b[t], 0)] as const).sort((a, b) => b[1] - a[1]);
  const all = totals.reduce((a, [, n]) => a + n, 0);
  return {
    rows,
    table: { columns: ['Period', ...targets.map(targetLabel), 'Total'], rows: rows.map((x) => [x.period, ...targets.map((t) => x[t] ?? 0), x.total]) },
    summary: all ? `${plural(all, 'breach', 'breaches')}; most were ${SLA_TARGET_LABELS[totals[0]![0]]} targets (${formatCount(totals[0]![1])}).` : 'No SLA breaches in this range.',
  };
}

/** Escalation rate (of incidents opened) and reopen rate (of incidents resolved), %. */
export function rates(r: TrendsResult): ChartData {
  const rows = r.buckets.map((_, i) => ({ ...base(r, i), escalation: toPercent(r.escalation[i]!.rate), reopen: toPercent(r.reopen[i]!.rate) }));
  return {
    rows,
    table: {
      columns: ['Period', 'Opened', 'Escalated', 'Escalation rate (%)', 'Resolved', 'Reopened', 'Reopen rate (%)'],
      rows: rows.map((x, i) => [x.period, r.escalation[i]!.denominator, r.escalation[i]!.numerator, x.escalation, r.reopen[i]!.denominator, r.reopen[i]!.numerator, x.reopen]),
    },
    summary: `${formatPercent(r.totals.escalation.rate)} of incidents were escalated; ${formatPercent(r.totals.reopen.rate)} of resolved incidents were reopened.`,
  };
}

/** Share of work (events) outside Mon–Fri 08:00–18:00, %. */
export function afterHours(r: TrendsResult): ChartData {
  const rows = r.afterHours.map((a, i) => ({ ...base(r, i), share: toPercent(a.rate), afterHours: a.numerator, events: a.denominator }));
  return {
    rows,
    table: { columns: ['Period', 'Work events', 'After hours', 'Share (%)'], rows: rows.map((x) => [x.period, x.events, x.afterHours, x.share]) },
    summary: `${formatPercent(r.totals.afterHours.rate)} of ${plural(r.totals.afterHours.denominator, 'work event')} happened outside Monday–Friday 08:00–18:00 (${r.query.timeZone}).`,
  };
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/** Incident starts by local weekday and hour. */
export function heatmap(r: TrendsResult): ChartData {
  const cells = r.heatmap.cells;
  let best = { d: 0, h: 0, n: -1 };
  cells.forEach((row, d) => row.forEach((n, h) => n > best.n && (best = { d, h, n })));
  const byDay = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const weekend = byDay[5]! + byDay[6]!;
  const total = byDay.reduce((a, b) => a + b, 0);
  return {
    rows: cells.flatMap((row, d) => row.map((n, h) => ({ key: `${d}-${h}`, day: WEEKDAYS[d]!, hour: HOURS[h]!, count: n }))),
    table: { columns: ['Day', ...HOURS.map((h) => `${h}:00`), 'Total'], rows: cells.map((row, d) => [WEEKDAYS[d]!, ...row, byDay[d]!]) },
    summary: total
      ? `Busiest hour: ${WEEKDAYS[best.d]} ${HOURS[best.h]}:00 (${plural(best.n, 'incident')} started); ${formatPercent(weekend / total, 0)} of starts fell on a weekend.`
      : 'No incidents started in this range.',
  };
}

export type Dimension = keyof TrendsResult['breakdowns'];
export const DIMENSION_LABELS: Record<Dimension, string> = { service: 'Service', category: 'Category', team: 'Team', location: 'Location' };
const NOT_SET: Record<Dimension, string> = { service: '(no service)', category: '(no category)', team: '(no team)', location: '(no location)' };

/** Counts and MTTR by service, category, team or location (the largest first); MTTR in a unit that suits it. */
export function breakdown(r: TrendsResult, dim: Dimension, limit = 12): ChartData & { unit: DurationUnit } {
  const list = r.breakdowns[dim];
  const unit = durationUnit(Math.max(0, ...list.slice(0, limit).map((b) => b.mttr.median ?? 0)));
  const all = list.map((b) => ({
    key: b.key || NOT_SET[dim],
    name: b.key || NOT_SET[dim],
    opened: b.opened,
    resolved: b.resolved,
    mttr: inUnit(b.mttr.median, unit),
    mttrH: toHours(b.mttr.median),
    mttrP90H: toHours(b.mttr.p90),
  }));
  const top = all[0];
  return {
    rows: all.slice(0, limit),
    unit,
    table: {
      columns: [DIMENSION_LABELS[dim], 'Opened', 'Resolved', 'MTTR median (h)', 'MTTR 90th percentile (h)'],
      rows: all.map((x) => [x.name, x.opened, x.resolved, x.mttrH, x.mttrP90H]),
    },
    summary: top
      ? `${plural(all.length, `${DIMENSION_LABELS[dim].toLowerCase()} value`)}; most incidents: ${top.name} (${formatCount(top.opened)} opened, median time to resolve ${formatDuration(list[0]!.mttr.median)}).`
      : 'No incidents in this range.',
  };
}

/** Problem candidates: services or titles failing repeatedly. */
export function recurring(r: TrendsResult, which: 'services' | 'titles', zoneDate: (iso: string) => string): ChartData {
  const list = r.recurring[which];
  const { minCount, windowDays } = r.query.recurrence;
  const rows = list.map((x) => ({
    key: x.key,
    name: x.label,
    count: x.count,
    peak: x.peak,
    window: `${zoneDate(x.peakFrom)} – ${zoneDate(x.peakTo)}`,
    last: zoneDate(x.lastAt),
    candidate: x.candidate ? 'Yes' : 'No',
    incidents: x.incidentIds.join(', '),
  }));
  const candidates = list.filter((x) => x.candidate).length;
  return {
    rows,
    table: {
      columns: [which === 'services' ? 'Service' : 'Title', 'Incidents in range', `Most within ${windowDays} days`, 'That window', 'Last', 'Problem candidate', 'Incidents of that window'],
      rows: rows.map((x) => [x.name, x.count, x.peak, x.window, x.last, x.candidate, x.incidents]),
      listColumn: 6,
    },
    summary: `${plural(candidates, which === 'services' ? 'service' : 'title')} ${candidates === 1 ? 'was' : 'were'} seen ${minCount} or more times within ${windowDays} days.`,
  };
}

export interface Kpi {
  label: string;
  value: string;
  detail: string;
}

/** The headline numbers of the range. */
export function kpis(r: TrendsResult): Kpi[] {
  const t = r.totals;
  return [
    { label: 'Opened', value: formatCount(t.opened), detail: `${formatCount(t.resolved)} resolved` },
    { label: 'Open at end', value: formatCount(t.openAtEnd), detail: 'backlog' },
    { label: 'MTTA (median)', value: formatDuration(t.mtta.median), detail: `p90 ${formatDuration(t.mtta.p90)}` },
    { label: 'MTTR (median)', value: formatDuration(t.mttr.median), detail: `p90 ${formatDuration(t.mttr.p90)} · mean ${formatDuration(t.mttr.mean)}` },
    { label: 'SLA met', value: formatPercent(t.sla.compliance), detail: `${formatCount(t.sla.breached)} breaches` },
    { label: 'Escalated', value: formatPercent(t.escalation.rate), detail: `${formatCount(t.escalation.numerator)} of ${formatCount(t.escalation.denominator)}` },
    { label: 'Reopened', value: formatPercent(t.reopen.rate), detail: `${formatCount(t.reopen.numerator)} of ${formatCount(t.reopen.denominator)}` },
    { label: 'After-hours work', value: formatPercent(t.afterHours.rate), detail: `of ${formatCount(t.afterHours.denominator)} events` },
  ];
}

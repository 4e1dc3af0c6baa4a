/**
 * Metrics engine benchmark on 50,000 synthetic incidents with about 1,000,000 events (a year of
 * history). `benchMetrics()` prints JSON lines {name, value, unit, baseline, ratio, note}; times
 * are CPU milliseconds of this process (user + system: steadier than wall time on a shared
 * machine; median of several runs where it says so):
 * - every trend series of a query from cached per-incident facts (weekly and daily), against the
 *   naive engine (tests/shared/metrics-naive.ts: each series on its own, scanning every
 *   incident's whole timeline) computing the same result in the same run;
 * - a cold first query (facts extracted for every incident, SLA clocks included), a repeated
 *   query (all facts cached) and a query after 1% of the incidents changed.
 * Run it with `npx tsx tests/bench/metrics-bench.ts` (or import it from a bench runner).
 */
import type { IncidentState } from '../../shared/domain/incident';
import { computeTrends, FactsCache, policyTargets, TrendsQuerySchema, type TrendsQuery } from '../../shared/metrics';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { generateIncidents } from '../shared/metrics-generator';
import { naiveTrends } from '../shared/metrics-naive';

const N = 50_000;
const FROM = Date.parse('2025-06-01T00:00:00Z');
const TO = Date.parse('2026-06-01T00:00:00Z');
const NOW = Date.parse('2026-05-20T12:00:00Z');
const POLICIES = [DEFAULT_SLA_POLICY];
const TARGETS = policyTargets(POLICIES);

interface Line {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  note: string;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, value: round(line.value), baseline: round(line.baseline), ratio: round(line.ratio) }));
}

/** CPU time (user + system) of fn in ms. */
function wall(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function query(granularity: 'day' | 'week' | 'month', timeZone = 'Europe/London'): TrendsQuery {
  return TrendsQuerySchema.parse({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString(), granularity, timeZone });
}

/** New object identities (timelines shared): per-incident caches of the SLA engine start cold. */
const fresh = (xs: readonly IncidentState[]) => xs.map((s) => ({ ...s }));

export async function benchMetrics(): Promise<void> {
  let incidents = generateIncidents(N, { seed: 2026, from: FROM, to: TO, eventsPerIncident: 22 });
  const events = incidents.reduce((a, s) => a + s.timeline.length, 0);
  const opts = { now: NOW, slaTargets: TARGETS };
  const week = query('week');
  const day = query('day');

  // Warm-up (JIT) on a slice, then the cold first query over everything.
  computeTrends(new FactsCache(POLICIES).factsOf(fresh(incidents.slice(0, 2000)), NOW), week, opts);
  const cache = new FactsCache(POLICIES);
  let facts = cache.factsOf([], NOW);
  const coldFacts = wall(() => (facts = cache.factsOf(fresh(incidents), NOW)));
  incidents = incidents.map((s, i) => ({ ...s, version: facts[i]!.version })); // same identities as cached below
  cache.factsOf(incidents, NOW);
  let coldQuery = 0;
  const coldTrends = wall(() => computeTrends(facts, week, opts));
  coldQuery = coldFacts + coldTrends;

  const warmWeek: number[] = [];
  const warmDay: number[] = [];
  const repeated: number[] = [];
  for (let r = 0; r < 9; r++) {
    warmWeek.push(wall(() => computeTrends(facts, week, opts)));
    warmDay.push(wall(() => computeTrends(facts, day, opts)));
    repeated.push(wall(() => computeTrends(cache.factsOf(incidents, NOW), week, opts)));
  }

  // 1% of the incidents change (a new version each): only those are re-extracted.
  const changed = incidents.map((s, i) => (i % 100 === 7 ? { ...s, version: `${s.version}+` } : s));
  const incremental = wall(() => computeTrends(cache.factsOf(changed, NOW), week, opts));

  // The naive engine, once per granularity, on fresh identities.
  const naiveWeek = wall(() => naiveTrends(fresh(incidents), week, { now: NOW, slaPolicies: POLICIES, slaTargets: TARGETS }));
  const naiveDay = wall(() => naiveTrends(fresh(incidents), day, { now: NOW, slaPolicies: POLICIES, slaTargets: TARGETS }));

  const data = `${N.toLocaleString('en')} incidents, ${events.toLocaleString('en')} events, one year, Europe/London`;
  emit({ name: 'metrics.trends.week', value: median(warmWeek), unit: 'ms CPU', baseline: naiveWeek, ratio: naiveWeek / median(warmWeek), note: `every series, 53 weekly buckets, from cached facts; median of 9 (max ${round(Math.max(...warmWeek))}); ${data}; baseline: naive engine, each series rescanning every timeline` });
  emit({ name: 'metrics.trends.day', value: median(warmDay), unit: 'ms CPU', baseline: naiveDay, ratio: naiveDay / median(warmDay), note: `every series, 365 daily buckets, from cached facts; median of 9 (max ${round(Math.max(...warmDay))}); baseline: naive engine` });
  emit({ name: 'metrics.query.repeated', value: median(repeated), unit: 'ms CPU', baseline: naiveWeek, ratio: naiveWeek / median(repeated), note: 'what trends.query costs the second time: facts looked up by version (all hits), then every weekly series; baseline: naive engine' });
  emit({ name: 'metrics.query.incremental', value: incremental, unit: 'ms CPU', baseline: coldQuery, ratio: coldQuery / incremental, note: '1% of incidents changed since the last query: 500 re-extracted, then every weekly series; baseline: the cold first query' });
  emit({ name: 'metrics.query.cold', value: coldQuery, unit: 'ms CPU', baseline: naiveWeek, ratio: naiveWeek / coldQuery, note: `first query: facts for every incident (${round(coldFacts)} ms, SLA clocks of every cycle included) + every weekly series (${round(coldTrends)} ms); baseline: naive engine` });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) await benchMetrics();

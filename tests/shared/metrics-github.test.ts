/**
 * The metrics on GitHub's real status history (1,282 incidents, 2010–2023), imported the way the
 * demo does it (statuspageToTimedEvents → foldIncident), against values computed here directly
 * from the raw Statuspage JSON.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { statuspageToTimedEvents } from '../../electron/services/demo/statuspage-history';
import { CURRENT_EVENT_VERSION, type EventEnvelope } from '../../shared/domain/events';
import type { IncidentState } from '../../shared/domain/incident';
import type { Priority } from '../../shared/domain/priority';
import { foldIncident } from '../../shared/domain/reducer';
import { computeTrends, FactsCache, TrendsQuerySchema, type IncidentFacts, type TrendsQueryInput } from '../../shared/metrics';
import { encodeHlc } from '../../shared/time/hlc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILE = join(root, '..', 'shared', 'data', 'statuspage', 'github_incidents_all_1282.json');

interface RawUpdate {
  status: string;
  created_at: string;
  display_at?: string | null;
  affected_components?: Array<{ name: string }> | null;
}
interface RawIncident {
  id: string;
  impact: 'critical' | 'major' | 'minor' | 'none' | 'maintenance';
  created_at: string;
  started_at?: string | null;
  resolved_at?: string | null;
  components?: Array<{ name: string }> | null;
  incident_updates: RawUpdate[];
}

const PRIORITY_OF_IMPACT: Record<RawIncident['impact'], Priority> = { critical: 'P1', major: 'P2', minor: 'P3', none: 'P4', maintenance: 'P5' };
const NOW = Date.parse('2024-06-01T00:00:00Z');
const HOUR = 3_600_000;

let json: { incidents: RawIncident[] };
let incidents: IncidentState[];
let facts: IncidentFacts[];

/** The same quantile definition as docs/METRICS.md (linear between closest ranks), written out again. */
function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
}

const rawStart = (r: RawIncident) => Math.min(Date.parse(r.started_at ?? r.created_at), Date.parse(r.created_at));

function query(input: Partial<TrendsQueryInput>) {
  return computeTrends(facts, TrendsQuerySchema.parse({ from: '2010-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z', granularity: 'month', ...input }), { now: NOW });
}

beforeAll(() => {
  json = JSON.parse(readFileSync(FILE, 'utf8')) as { incidents: RawIncident[] };
  let n = 0;
  let k = 0;
  const events = statuspageToTimedEvents(json, { incidentId: () => `INC-2020-GH-${++k}`, newId: () => `id-${++n}`, closeAfter: () => HOUR });
  const byStream = new Map<string, EventEnvelope[]>();
  [...events]
    .sort((a, b) => a.at - b.at)
    .forEach((e, seq) => {
      const env: EventEnvelope = {
        id: `ev-${seq}`,
        stream: e.stream,
        type: e.type,
        hlc: encodeHlc({ millis: e.at, counter: 0 }),
        writerId: 'w',
        seq,
        recordedAt: new Date(e.at).toISOString(),
        actor: e.actor,
        v: CURRENT_EVENT_VERSION,
        data: e.data,
      };
      byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), env]);
    });
  incidents = [...byStream.values()].map((evs) => foldIncident(evs)!);
  facts = new FactsCache().factsOf(incidents, NOW);
});

describe('GitHub status history: metrics against the raw JSON', () => {
  it('imports all 1,282 incidents, every one resolved and closed', () => {
    expect(incidents).toHaveLength(1282);
    const r = query({});
    expect(r.totals.opened).toBe(1282);
    expect(r.totals.resolved).toBe(1282);
    expect(r.totals.openAtEnd).toBe(0);
  });

  it('incidents opened per year (by start of impact)', () => {
    const raw: Record<string, number> = {};
    for (const i of json.incidents) {
      const y = new Date(rawStart(i)).getUTCFullYear();
      raw[y] = (raw[y] ?? 0) + 1;
    }
    const r = query({});
    const perYear: Record<string, number> = {};
    r.buckets.forEach((b, i) => (perYear[b.key.slice(0, 4)] = (perYear[b.key.slice(0, 4)] ?? 0) + r.opened[i]!.total));
    for (const y of Object.keys(perYear)) if (perYear[y] === 0) delete perYear[y];
    expect(perYear).toEqual(raw);
    expect(raw).toMatchObject({ 2013: 232, 2022: 123, 2023: 131 });
  });

  it('opened per impact level: critical → P1, major → P2, minor → P3, none → P4', () => {
    const r = query({});
    const sum = (p: Priority) => r.opened.reduce((a, x) => a + x[p], 0);
    const raw = (impact: string) => json.incidents.filter((i) => i.impact === impact).length;
    expect([sum('P1'), sum('P2'), sum('P3'), sum('P4'), sum('P5')]).toEqual([raw('critical'), raw('major'), raw('minor'), raw('none'), 0]);
    expect([sum('P1'), sum('P2'), sum('P3'), sum('P4')]).toEqual([2, 199, 1048, 33]);
  });

  // Since 2019 resolved_at is authoritative (older incidents were migrated with bogus ones).
  const MODERN = { from: '2019-03-01T00:00:00Z', to: '2024-01-01T00:00:00Z' };
  const modern = () => json.incidents.filter((i) => i.resolved_at && i.resolved_at >= MODERN.from && i.resolved_at < MODERN.to);

  it('time to resolve per impact level since 2019: n, median, p90 and mean', () => {
    for (const impact of ['critical', 'major', 'minor', 'none'] as const) {
      const durations = modern()
        .filter((i) => i.impact === impact)
        .map((i) => Math.max(0, Date.parse(i.resolved_at!) - rawStart(i)));
      const r = query({ ...MODERN, filters: { priorities: [PRIORITY_OF_IMPACT[impact]] } });
      expect(r.totals.mttr.n, impact).toBe(durations.length);
      expect(r.totals.mttr.median, impact).toBeCloseTo(quantile(durations, 0.5), 6);
      expect(r.totals.mttr.p90, impact).toBeCloseTo(quantile(durations, 0.9), 6);
      expect(r.totals.mttr.mean, impact).toBeCloseTo(durations.reduce((a, b) => a + b, 0) / durations.length, 3);
    }
    // For the record: majors took a median of 71 minutes (56 incidents), minors 64 minutes (356).
    expect(Math.round(query({ ...MODERN, filters: { priorities: ['P2'] } }).totals.mttr.median! / 60_000)).toBe(71);
    expect(Math.round(query({ ...MODERN, filters: { priorities: ['P3'] } }).totals.mttr.median! / 60_000)).toBe(64);
  });

  it('SLA resolution target (default policy: P1 4 h, P2 8 h round the clock) since 2019', () => {
    const r = query(MODERN);
    for (const [impact, hours] of [['critical', 4], ['major', 8]] as const) {
      let met = 0;
      let breached = 0;
      for (const i of json.incidents.filter((x) => x.impact === impact)) {
        const took = Date.parse(i.resolved_at!) - rawStart(i);
        const decided = took >= hours * HOUR ? rawStart(i) + hours * HOUR : Date.parse(i.resolved_at!);
        if (decided < Date.parse(MODERN.from) || decided >= Date.parse(MODERN.to)) continue;
        if (took >= hours * HOUR) breached++;
        else met++;
      }
      expect(r.sla.totals.resolve.byPriority[PRIORITY_OF_IMPACT[impact]], impact).toEqual({ met, breached, compliance: met / (met + breached) });
    }
    expect(r.sla.totals.resolve.byPriority.P2.breached).toBeGreaterThan(0);
  });

  it('monthly median time to resolve in 2023', () => {
    const r = query({ from: '2023-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' });
    r.buckets.forEach((b, i) => {
      const month = json.incidents.filter((x) => x.resolved_at?.startsWith(b.key)).map((x) => Date.parse(x.resolved_at!) - rawStart(x));
      expect(r.mttr[i]!.all.n, b.key).toBe(month.length);
      if (month.length) expect(r.mttr[i]!.all.median, b.key).toBeCloseTo(quantile(month, 0.5), 6);
    });
  });

  it('hour-of-week heatmap of starts (UTC) equals the raw count by weekday and hour', () => {
    const cells = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const i of json.incidents) {
      const d = new Date(rawStart(i));
      cells[(d.getUTCDay() + 6) % 7]![d.getUTCHours()]!++;
    }
    expect(query({}).heatmap.cells).toEqual(cells);
  });

  it('incidents per service in 2022–2023 (components, else the updates’ affected components)', () => {
    const raw = new Map<string, number>();
    for (const i of json.incidents) {
      const s = rawStart(i);
      if (s < Date.parse('2022-01-01T00:00:00Z') || s >= Date.parse('2024-01-01T00:00:00Z')) continue;
      const comps = i.components?.length ? i.components : i.incident_updates.flatMap((u) => u.affected_components ?? []);
      for (const name of new Set(comps.map((c) => c.name.trim()))) raw.set(name, (raw.get(name) ?? 0) + 1);
    }
    const r = query({ from: '2022-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z' });
    const engine = new Map(r.breakdowns.service.filter((x) => x.key).map((x) => [x.key, x.opened]));
    expect(engine).toEqual(raw);
    expect(r.breakdowns.service[0]).toMatchObject({ key: 'Actions' });
  });

  it('recurring services: Actions failed most often within 30 days in 2023', () => {
    const r = query({ from: '2023-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z', recurrence: { minCount: 5, windowDays: 30 } });
    const top = r.recurring.services[0]!;
    // Independent sliding window over the raw starts of incidents listing the component.
    const starts = json.incidents
      .filter((i) => i.created_at.startsWith('2023') && (i.components ?? []).some((c) => c.name === top.label))
      .map(rawStart)
      .sort((a, b) => a - b);
    let peak = 0;
    for (let i = 0, j = 0; j < starts.length; j++) {
      while (starts[j]! - starts[i]! >= 30 * 24 * HOUR) i++;
      peak = Math.max(peak, j - i + 1);
    }
    expect(top).toMatchObject({ label: 'Actions', peak, candidate: true });
    expect(peak).toBeGreaterThanOrEqual(5);
  });

  it('reopen rate: incidents whose updates go back from resolved to an open status (GitHub never does)', () => {
    const OPEN = new Set(['investigating', 'identified', 'monitoring']);
    const raw = modern().filter((i) => {
      const ups = [...i.incident_updates].sort((a, b) => Date.parse(a.display_at ?? a.created_at) - Date.parse(b.display_at ?? b.created_at));
      return ups.some((u, k) => u.status === 'resolved' && ups.slice(k + 1).some((v) => OPEN.has(v.status)));
    }).length;
    expect(raw).toBe(0);
    expect(query(MODERN).totals.reopen).toEqual({ numerator: raw, denominator: modern().length, rate: 0 });
  });
});

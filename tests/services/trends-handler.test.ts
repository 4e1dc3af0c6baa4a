/**
 * `trends.query` on a real workspace (journal in a temp dir): incidents made through the API,
 * the query through the contract, per-incident facts cached by version.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type MethodOutput } from '../../shared/contract/api';
import { FactsCache } from '../../shared/metrics/facts';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { buildDemoWorkspace } from '../../electron/services/demo/demo-workspace';
import { resolveResourcesDir } from '../../electron/services/demo/resources-dir';
import { trendsHandlers } from '../../electron/services/workspace/handlers/trends-handlers';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';

type Incident = MethodOutput<'incidents.get'>;
type Trends = MethodOutput<'trends.query'>;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.parse('2026-03-02T09:00:00Z'); // Monday
const WEEKS = { from: '2026-03-02T00:00:00Z', to: '2026-03-16T00:00:00Z', granularity: 'week', timeZone: 'UTC' } as const;

describe('trends.query', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  /** Three incidents over two weeks: one P1 resolved in 2 h, one P3 still open, one exercise. */
  async function seeded() {
    const ws = await openTestWorkspace(dir.path, START);
    const { service, advance } = ws;
    const run = (id: string, command: Record<string, unknown>) => service.call('incidents.command', { id, command });
    const a = (await service.call('incidents.create', { title: 'Core switch failure', impact: 1, urgency: 1, services: ['Core network'], category: 'Network' })) as Incident;
    advance(10 * MINUTE);
    await run(a.id, { type: 'transition', to: 'acknowledged' });
    await run(a.id, { type: 'joinResponder', person: 'Sam', team: 'Network Operations' });
    advance(20 * MINUTE);
    await run(a.id, { type: 'transition', to: 'investigating' });
    advance(90 * MINUTE);
    await run(a.id, { type: 'transition', to: 'resolved', resolution: { summary: 'Replaced the supervisor module', code: 'Fixed' } });
    advance(8 * DAY); // Tuesday 10 March, 11:00
    const b = (await service.call('incidents.create', { title: 'VPN login failures', impact: 2, urgency: 2, services: ['Remote access VPN'], category: 'Network' })) as Incident;
    advance(HOUR);
    const x = (await service.call('incidents.create', { title: 'EXERCISE flood tabletop', impact: 1, urgency: 1, exercise: true })) as Incident;
    advance(DAY);
    return { ...ws, a, b, x, run };
  }

  it('computes the series over every incident of the workspace', async () => {
    const { service, a } = await seeded();
    const r = (await service.call('trends.query', WEEKS)) as Trends;
    expect(r.buckets.map((b) => b.key)).toEqual(['2026-03-02', '2026-03-09']);
    expect(r.opened.map((o) => [o.P1, o.P3, o.total])).toEqual([
      [1, 0, 1],
      [0, 1, 1],
    ]);
    expect(r.resolved.map((o) => o.total)).toEqual([1, 0]);
    expect(r.backlog.map((o) => o?.total)).toEqual([0, 1]);
    expect(r.mttr[0]!.all).toEqual({ n: 1, median: 2 * HOUR, p90: 2 * HOUR, mean: 2 * HOUR });
    expect(r.mtta[0]!.all.median).toBe(10 * MINUTE);
    expect(r.totals.excluded).toEqual({ exercises: 1, cancelled: 0, filtered: 0 });
    // Equal counts opened: the one with more resolved first.
    expect(r.breakdowns.team.map((t) => [t.key, t.opened, t.resolved])).toEqual([
      ['Network Operations', 1, 1],
      ['', 1, 0],
    ]);
    // Default SLA policy: a P1 acknowledged in 10 minutes breached its 5-minute target.
    expect(r.sla.totals.acknowledge.byPriority.P1).toEqual({ met: 0, breached: 1, compliance: 0 });
    expect(r.sla.targets).toEqual(['acknowledge', 'firstUpdate', 'update', 'mitigate', 'resolve']);
    expect(r.options.services).toEqual(['Core network', 'Remote access VPN']);
    expect(r.generatedAt).toBe(new Date(START + 2 * HOUR + 8 * DAY + HOUR + DAY).toISOString());
    expect(a.priority).toBe('P1');
  });

  it('applies filters and the exercise toggle from the input', async () => {
    const { service } = await seeded();
    const p1 = (await service.call('trends.query', { ...WEEKS, filters: { priorities: ['P1'] } })) as Trends;
    expect(p1.totals.opened).toBe(1);
    const withExercises = (await service.call('trends.query', { ...WEEKS, includeExercises: true })) as Trends;
    expect(withExercises.totals.opened).toBe(3);
    const byTeam = (await service.call('trends.query', { ...WEEKS, filters: { teams: ['network operations'] } })) as Trends;
    expect(byTeam.totals.opened).toBe(1);
  });

  it('counts escalation events and reopened incidents as they are recorded', async () => {
    const { service, a, b, run, advance } = await seeded();
    await run(a.id, { type: 'transition', to: 'investigating', reason: 'Flapping again' });
    await service.importEvents([
      {
        stream: b.id,
        type: 'escalation.raised',
        data: { key: '', level: 1, round: 0, automatic: false, reason: 'No progress', policyId: 'default', policyVersion: 1, name: 'Duty manager', kind: 'hierarchical', notify: [], dueAt: null },
        at: Date.parse('2026-03-10T12:00:00Z'),
        actor: 'Duty manager',
      },
    ]);
    advance(MINUTE);
    const r = (await service.call('trends.query', WEEKS)) as Trends;
    expect(r.reopen[0]).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(r.escalation[1]).toEqual({ numerator: 1, denominator: 1, rate: 1 });
  });

  it('is read-only: a wall-board connection may ask', async () => {
    const { service } = await seeded();
    const r = (await service.call('trends.query', WEEKS, { readOnly: true })) as Trends;
    expect(r.totals.opened).toBe(2);
  });

  it('refuses bad input with the field named', async () => {
    const { service } = await openTestWorkspace(dir.path, START);
    for (const [input, field] of [
      [{ ...WEEKS, timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ ...WEEKS, to: WEEKS.from }, 'to'],
      [{ ...WEEKS, from: '2010-01-01T00:00:00Z', granularity: 'day' }, 'granularity'],
      [{ ...WEEKS, granularity: 'hour' }, 'granularity'],
      [{ ...WEEKS, filters: { priority: ['P1'] } }, 'filters'],
      [{ ...WEEKS, from: 'last week' }, 'from'],
    ] as const) {
      const err = await service.call('trends.query', input).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(ApiError);
      expect((err as ApiError).body.code).toBe('invalid_input');
      expect((err as ApiError).body.field ?? '').toContain(field);
    }
  });

  it('re-reads only incidents whose version changed since the last query', async () => {
    const { service, b, run, advance } = await seeded();
    const cache = new FactsCache([DEFAULT_SLA_POLICY]);
    const query = trendsHandlers(service, () => cache)['trends.query'];
    const input = { ...WEEKS, filters: { priorities: [], categories: [], teams: [], services: [], locations: [] }, includeExercises: false, recurrence: { minCount: 3, windowDays: 30 } };
    // Facts not cached are extracted first (misses), then every incident's are served from the cache (hits).
    const first = await query(input, { actor: 'test' });
    expect([cache.misses, cache.hits]).toEqual([3, 3]);
    const again = await query(input, { actor: 'test' });
    expect([cache.misses, cache.hits]).toEqual([3, 6]);
    expect(again).toEqual(first);
    advance(MINUTE);
    await run(b.id, { type: 'transition', to: 'investigating' });
    const after = await query(input, { actor: 'test' });
    expect([cache.misses, cache.hits]).toEqual([4, 9]);
    expect(after.mtta[1]!.all.n).toBe(1);
  });

  it('extracts a first query\'s facts in slices, letting other work run in between, with the same result', async () => {
    const { service } = await seeded();
    const input = { ...WEEKS, filters: { priorities: [], categories: [], teams: [], services: [], locations: [] }, includeExercises: false, recurrence: { minCount: 3, windowDays: 30 } };
    const whole = await trendsHandlers(service)['trends.query'](input, { actor: 'test' });
    const sliced = trendsHandlers(service, undefined, 0)['trends.query'](input, { actor: 'test' });
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const result = await sliced;
    expect(ranMeanwhile).toBe(true);
    expect({ ...result, generatedAt: '' }).toEqual({ ...whole, generatedAt: '' });
  });

  it('measures against the published SLA policy versions: a publish starts a fresh cache', async () => {
    const { service } = await seeded();
    const made: number[] = [];
    const query = trendsHandlers(service, (p) => {
      made.push(p.sla.length);
      return new FactsCache(p.sla);
    })['trends.query'];
    const input = { ...WEEKS, filters: { priorities: [], categories: [], teams: [], services: [], locations: [] }, includeExercises: false, recurrence: { minCount: 3, windowDays: 30 } };
    await query(input, { actor: 'test' });
    await query(input, { actor: 'test' });
    expect(made).toEqual([1]);
    const { id: _id, version: _version, effectiveFrom: _from, ...draft } = structuredClone(DEFAULT_SLA_POLICY);
    await service.call('policies.publishSla', { policy: draft }, { actor: 'Dana' });
    await query(input, { actor: 'test' });
    expect(made).toEqual([1, 2]);
  });
});

describe('trends.query on the demo workspace', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it('covers the year of GitHub history and the active scenario', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    const resources = resolveResourcesDir();
    const service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock: { now: () => now }, seed: (t) => buildDemoWorkspace(t, resources) });
    const r = (await service.call('trends.query', { from: new Date(now - 366 * DAY).toISOString(), to: new Date(now + DAY).toISOString(), granularity: 'month', timeZone: 'Europe/London' })) as Trends;
    const all = ((await service.call('incidents.list', { scope: 'all' })) as { incidents: Incident[] }).incidents;
    const counted = all.filter((i) => !i.exercise && i.status !== 'cancelled');
    expect(r.totals.opened).toBe(counted.length);
    expect(r.totals.opened).toBeGreaterThan(1282);
    expect(r.totals.resolved).toBeGreaterThanOrEqual(1282);
    expect(r.totals.openAtEnd).toBe(counted.filter((i) => !['resolved', 'closed'].includes(i.status)).length);
    expect(r.totals.excluded.exercises).toBe(all.filter((i) => i.exercise).length);
    expect(r.breakdowns.category.map((c) => c.key)).toContain('Vendor service (GitHub)');
    expect(r.recurring.services.some((s) => s.candidate)).toBe(true);
    expect(r.heatmap.cells.flat().reduce((a, b) => a + b, 0)).toBe(r.totals.opened);
    await service.close();
  }, 60_000);
});

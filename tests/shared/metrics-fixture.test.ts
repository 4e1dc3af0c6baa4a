/**
 * Every metric on the hand-made workspace of metrics-fixture.ts; the expected values are worked
 * out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { computeTrends, FactsCache, policyTargets, slaOutcomesOf, type TrendsResult } from '../../shared/metrics';
import { fixtureIncidents, fixtureQuery, FIXTURE_POLICY, HOUR, MINUTE, NOW, t } from './metrics-fixture';
import { IncidentBuilder } from './sla-helpers';

const incidents = fixtureIncidents();
const all = Object.values(incidents);

function run(extra: Parameters<typeof fixtureQuery>[0] = {}): TrendsResult {
  const facts = new FactsCache([FIXTURE_POLICY]).factsOf(all, NOW);
  return computeTrends(facts, fixtureQuery(extra), { now: NOW, slaTargets: policyTargets([FIXTURE_POLICY]) });
}

const r = run();
const counts = (rows: TrendsResult['opened']) => rows.map((x) => x && [x.P1, x.P2, x.P3, x.P4, x.P5, x.total]);

describe('trends on the hand-made workspace (weeks of 2 and 9 March, UTC)', () => {
  it('buckets', () => {
    expect(r.buckets.map((x) => [x.key, x.start, x.end, x.partial, x.future])).toEqual([
      ['2026-03-02', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', false, false],
      ['2026-03-09', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', false, false],
    ]);
  });

  it('leaves out the exercise (D) and the cancelled incident (E)', () => {
    expect(r.totals.excluded).toEqual({ exercises: 1, cancelled: 1, filtered: 0 });
  });

  it('opened per week by current priority: A, B, C(now P1) | F, H; G started before the range', () => {
    expect(counts(r.opened)).toEqual([
      [2, 0, 1, 0, 0, 3],
      [0, 1, 1, 0, 0, 2],
    ]);
    expect(r.totals.opened).toBe(5);
  });

  it('resolved per week (resolved milestone: B counts once, at its first resolution)', () => {
    // A 2 Mar 11:00 (P1), G 2 Mar 10:00 (P5), B 4 Mar 02:30 (P3) | F 11 Mar 13:00 (P2)
    expect(counts(r.resolved)).toEqual([
      [1, 0, 1, 0, 1, 3],
      [0, 1, 0, 0, 0, 1],
    ]);
    expect(r.totals.resolved).toBe(4);
  });

  it('backlog at each week end: C | C and H', () => {
    expect(counts(r.backlog as TrendsResult['opened'])).toEqual([
      [1, 0, 0, 0, 0, 1],
      [1, 0, 1, 0, 0, 2],
    ]);
    expect(r.totals.openAtEnd).toBe(2);
  });

  it('MTTA from impact start (or creation): A 10 min, B 60 min (impact 21:30 → 22:30), C 5 min | F 30 min', () => {
    expect(r.mtta[0]!.all).toEqual({ n: 3, median: 10 * MINUTE, p90: expect.closeTo(50 * MINUTE, 3), mean: 25 * MINUTE });
    expect(r.mtta[0]!.byPriority.P1).toEqual({ n: 2, median: 7.5 * MINUTE, p90: expect.closeTo(9.5 * MINUTE, 3), mean: 7.5 * MINUTE });
    expect(r.mtta[0]!.byPriority.P3).toEqual({ n: 1, median: 60 * MINUTE, p90: 60 * MINUTE, mean: 60 * MINUTE });
    expect(r.mtta[1]!.all).toEqual({ n: 1, median: 30 * MINUTE, p90: 30 * MINUTE, mean: 30 * MINUTE });
    expect(r.mtta[1]!.byPriority.P1.n).toBe(0);
    expect(r.mtta[1]!.byPriority.P1.median).toBeNull();
  });

  it('MTTR: A 2 h, B 5 h, G 72 h | F 3 h', () => {
    // sorted 2, 5, 72: median 5; p90 at rank 1.8 = 5 + 0.8 × 67 = 58.6; mean 79 / 3
    expect(r.mttr[0]!.all).toEqual({ n: 3, median: 5 * HOUR, p90: expect.closeTo(58.6 * HOUR, 0), mean: expect.closeTo((79 / 3) * HOUR, 0) });
    expect(r.mttr[0]!.byPriority.P5.median).toBe(72 * HOUR);
    expect(r.mttr[1]!.all.median).toBe(3 * HOUR);
    expect(r.totals.mttr).toMatchObject({ n: 4, median: 4 * HOUR }); // 2, 3, 5, 72
  });

  it('time to mitigate: A 1 h (mitigated), B 5 h and G 72 h (resolved stands in) | F 3 h', () => {
    expect(r.timeToMitigate[0]!.all).toMatchObject({ n: 3, median: 5 * HOUR, mean: expect.closeTo(26 * HOUR, 0) });
    expect(r.timeToMitigate[0]!.byPriority.P1.median).toBe(1 * HOUR);
    expect(r.timeToMitigate[1]!.all.median).toBe(3 * HOUR);
  });

  it('SLA (ack 15 min, resolve 4 h): outcomes bucketed when decided', () => {
    const { compliance, breaches, totals, targets } = r.sla;
    expect(targets).toEqual(['acknowledge', 'resolve']);
    // Week 1 acknowledge: A met (P1), C met at 12:05 while P2, B breached 22:15 (P3).
    expect(compliance.acknowledge[0]!.all).toEqual({ met: 2, breached: 1, compliance: 2 / 3 });
    expect(compliance.acknowledge[0]!.byPriority.P2).toEqual({ met: 1, breached: 0, compliance: 1 });
    expect(compliance.acknowledge[0]!.byPriority.P3).toEqual({ met: 0, breached: 1, compliance: 0 });
    // Week 2: F breached 10:15 (P2), H (still new) breached 20:15 (P3).
    expect(compliance.acknowledge[1]!.all).toEqual({ met: 0, breached: 2, compliance: 0 });
    // Resolve: A met; B breached 4 Mar 01:30 (P3); C still open, breached 5 Mar 16:00 (P1) | F met (3 h).
    // H would breach at 16 Mar 00:00: the range end (exclusive).
    expect(compliance.resolve[0]!.all).toEqual({ met: 1, breached: 2, compliance: 1 / 3 });
    expect(compliance.resolve[0]!.byPriority.P1).toEqual({ met: 1, breached: 1, compliance: 0.5 });
    expect(compliance.resolve[1]!.all).toEqual({ met: 1, breached: 0, compliance: 1 });
    expect(compliance.mitigate[0]!.all).toEqual({ met: 0, breached: 0, compliance: null });
    expect(breaches.map((x) => [x.acknowledge, x.resolve, x.total])).toEqual([
      [1, 2, 3],
      [2, 0, 2],
    ]);
    expect(totals.acknowledge.all).toEqual({ met: 2, breached: 3, compliance: 0.4 });
    expect(r.totals.sla).toEqual({ met: 4, breached: 5, compliance: 4 / 9 });
  });

  it('escalation rate of opened incidents: C (raised to P1) of A, B, C | F (escalation event) of F, H', () => {
    expect(r.escalation).toEqual([
      { numerator: 1, denominator: 3, rate: 1 / 3 },
      { numerator: 1, denominator: 2, rate: 0.5 },
    ]);
  });

  it('reopen rate of resolved incidents: B of A, B, G | none of F', () => {
    expect(r.reopen).toEqual([
      { numerator: 1, denominator: 3, rate: 1 / 3 },
      { numerator: 0, denominator: 1, rate: 0 },
    ]);
  });

  it('hour-of-week heatmap of starts (Monday first)', () => {
    const hot = r.heatmap.cells.flatMap((row, d) => row.map((n, h) => [d, h, n]).filter(([, , n]) => n! > 0));
    // A Mon 09, B Tue 21 (impact 21:30), C Thu 12, F Wed 10, H Sun 20
    expect(hot).toEqual([
      [0, 9, 1],
      [1, 21, 1],
      [2, 10, 1],
      [3, 12, 1],
      [6, 20, 1],
    ]);
    expect(r.heatmap.max).toBe(1);
  });

  it('breakdowns: counts of opened incidents and MTTR of those resolved in the range', () => {
    const rows = (xs: TrendsResult['breakdowns']['service']) => xs.map((x) => [x.key, x.opened, x.resolved, x.mttr.median === null ? null : x.mttr.median / HOUR]);
    // Payments: A, B, F opened; resolved 2, 5, 3 h. Email: B, C opened; B resolved. (none): H opened; G resolved 72 h.
    expect(rows(r.breakdowns.service)).toEqual([
      ['Payments', 3, 3, 3],
      ['Email', 2, 1, 5],
      ['', 1, 1, 72],
    ]);
    expect(rows(r.breakdowns.category)).toEqual([
      ['Applications', 3, 3, 3],
      ['', 1, 1, 72],
      ['Messaging', 1, 0, null],
    ]);
    expect(rows(r.breakdowns.team)).toEqual([
      ['', 4, 3, 5],
      ['Payments Platform', 1, 1, 2],
    ]);
    expect(rows(r.breakdowns.location)).toEqual([
      ['', 4, 4, 4],
      ['Building B', 1, 0, null],
    ]);
  });

  it('recurring services and titles: Payments 3 times within 30 days; one title three times', () => {
    expect(r.recurring.services.map((x) => [x.label, x.count, x.peak, x.candidate, x.incidentIds])).toEqual([
      ['Payments', 3, 3, true, ['INC-2026-TEST-1', 'INC-2026-TEST-2', 'INC-2026-TEST-6']],
      ['Email', 2, 2, false, ['INC-2026-TEST-2', 'INC-2026-TEST-3']],
    ]);
    expect(r.recurring.services[0]).toMatchObject({ peakFrom: '2026-03-02T09:00:00.000Z', peakTo: '2026-03-11T10:00:00.000Z', lastAt: '2026-03-11T10:00:00.000Z' });
    // "Payment Gateway timeouts!" and "Payment gateway timeouts" are one title; the latest names it.
    expect(r.recurring.titles.map((x) => [x.key, x.label, x.count, x.candidate])).toEqual([['payment gateway timeouts', 'Payment Gateway timeouts!', 3, true]]);
    const tight = run({ recurrence: { minCount: 3, windowDays: 7 } });
    expect(tight.recurring.services[0]).toMatchObject({ label: 'Payments', peak: 2, candidate: false });
  });

  it('filter options come from every counted incident', () => {
    expect(r.options).toEqual({ categories: ['Applications', 'Messaging'], services: ['Email', 'Payments'], teams: ['Payments Platform'], locations: ['Building B'] });
  });
});

describe('filters and the exercise toggle', () => {
  it('service filter, case-insensitive: A, B | F', () => {
    const f = run({ filters: { services: ['payments'] } });
    expect(f.opened.map((x) => x.total)).toEqual([2, 1]);
    expect(f.totals.excluded.filtered).toBe(3); // C, G and H (D and E count as exercise and cancelled)
  });

  it('priority filter (current priority): A and C are P1', () => {
    const f = run({ filters: { priorities: ['P1'] } });
    expect(f.opened.map((x) => x.total)).toEqual([2, 0]);
    expect(f.backlog.map((x) => x?.total)).toEqual([1, 1]);
  });

  it('category, team and location filters combine with AND', () => {
    expect(run({ filters: { categories: ['APPLICATIONS'] } }).totals.opened).toBe(3);
    expect(run({ filters: { teams: ['payments platform'] } }).totals.opened).toBe(1);
    expect(run({ filters: { locations: ['Building B'] } }).totals.opened).toBe(1);
    expect(run({ filters: { categories: ['Applications'], services: ['Email'] } }).totals.opened).toBe(1); // B
  });

  it('exercises are left out unless asked for', () => {
    const x = run({ includeExercises: true });
    expect(counts(x.opened)[1]).toEqual([0, 1, 1, 1, 0, 3]);
    expect(x.totals.excluded.exercises).toBe(0);
    expect(x.options.categories).toContain('Exercise');
  });
});

describe('after-hours share of work, in the chosen time zone', () => {
  // Created Saturday 6 June 10:00Z; entries Monday 8 June 07:30Z, 07:45Z and 12:00Z; an SLA-engine
  // escalation on Sunday (not work). London is on BST (UTC+1).
  const x = new IncidentBuilder('INC-2026-TEST-9')
    .create(t('2026-06-06T10:00:00Z'), 'P3', { title: 'Weekend outage' })
    .record({ type: 'escalation.raised', data: { key: 'esc:INC-2026-TEST-9:1:0', level: 1, round: 0, automatic: true, reason: '', policyId: 'default', policyVersion: 1, name: 'Lead', kind: 'functional', notify: [], dueAt: '2026-06-07T10:00:00.000Z' } }, t('2026-06-07T10:00:00Z'))
    .entry(t('2026-06-08T07:30:00Z'), 'note')
    .entry(t('2026-06-08T07:45:00Z'), 'note')
    .entry(t('2026-06-08T12:00:00Z'), 'note')
    .state();
  const query = (timeZone: string) => fixtureQuery({ from: '2026-06-01T00:00:00Z', to: '2026-07-01T00:00:00Z', granularity: 'month', timeZone });
  const facts = new FactsCache([FIXTURE_POLICY]).factsOf([x], t('2026-06-30T00:00:00Z'));

  it('London: only the Saturday creation is after hours (07:30Z is 08:30 BST)', () => {
    const res = computeTrends(facts, query('Europe/London'), { now: t('2026-06-30T00:00:00Z') });
    // The range ends at 01:00 BST on 1 July: a one-hour July bucket follows June.
    expect(res.buckets.map((b) => b.key)).toEqual(['2026-06', '2026-07']);
    expect(res.afterHours[0]).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(res.totals.afterHours).toEqual({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(res.heatmap.cells[5]![11]).toBe(1); // Saturday 11:00 BST
  });

  it('UTC: Saturday, 07:30 and 07:45 are after hours', () => {
    const res = computeTrends(facts, query('UTC'), { now: t('2026-06-30T00:00:00Z') });
    expect(res.afterHours).toEqual([{ numerator: 3, denominator: 4, rate: 0.75 }]);
    expect(res.heatmap.cells[5]![10]).toBe(1);
    expect(res.escalation[0]).toEqual({ numerator: 1, denominator: 1, rate: 1 });
  });
});

describe('facts cache', () => {
  it('re-extracts only incidents whose version changed, and forgets removed ones', () => {
    const cache = new FactsCache([FIXTURE_POLICY]);
    const first = cache.factsOf(all, NOW);
    expect([cache.hits, cache.misses]).toEqual([0, 8]);
    const changed = new IncidentBuilder('INC-2026-TEST-8').create(t('2026-03-15T20:00:00Z'), 'P3', { title: 'Printer offline' }).to('investigating', t('2026-03-16T08:00:00Z')).state();
    const next = cache.factsOf([...all.filter((s) => s.id !== changed.id), changed], NOW);
    expect([cache.hits, cache.misses]).toEqual([7, 9]);
    expect(next[0]).toBe(first[0]);
    cache.factsOf(all.slice(0, 3), NOW);
    expect(cache.size).toBe(3);
  });

  it('a clock still running breaches when a later query passes its due time', () => {
    // H (created 15 Mar 20:00, still new): facts taken at 20:10, before the 15-minute ack target.
    const h = incidents.H!;
    const facts = new FactsCache([FIXTURE_POLICY]).factsOf([h], t('2026-03-15T20:10:00Z'));
    expect(slaOutcomesOf(facts[0]!).find((o) => o.target === 'acknowledge')).toMatchObject({ state: 'pending', at: t('2026-03-15T20:15:00Z') });
    const q = fixtureQuery();
    expect(computeTrends(facts, q, { now: t('2026-03-15T20:12:00Z') }).sla.compliance.acknowledge[1]!.all.breached).toBe(0);
    expect(computeTrends(facts, q, { now: t('2026-03-15T20:16:00Z') }).sla.compliance.acknowledge[1]!.all.breached).toBe(1);
  });
});

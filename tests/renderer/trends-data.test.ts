/** Data shaping for the trends charts and tables, on the hand-made metrics fixture. */
import { describe, expect, it } from 'vitest';
import { computeTrends, FactsCache, policyTargets } from '../../shared/metrics';
import * as data from '../../renderer/src/features/trends/chart-data';
import { bucketLabel, bucketTick, formatDuration, formatPercent, periodLabel, toHours, toPercent } from '../../renderer/src/features/trends/format';
import { fixtureIncidents, fixtureQuery, FIXTURE_POLICY, NOW } from '../shared/metrics-fixture';

const facts = new FactsCache([FIXTURE_POLICY]).factsOf(Object.values(fixtureIncidents()), NOW);
const result = (extra: Parameters<typeof fixtureQuery>[0] = {}) => computeTrends(facts, fixtureQuery(extra), { now: NOW, slaTargets: policyTargets([FIXTURE_POLICY]) });
const r = result();

describe('formatting', () => {
  it('periods', () => {
    expect(bucketLabel('2026-03-02', 'week')).toBe('w/c 2 Mar');
    expect(bucketLabel('2026-03-02', 'day', true)).toBe('2 Mar 2026');
    expect(bucketLabel('2026-03', 'month')).toBe('Mar 2026');
    expect(bucketTick('2026-03', 'month')).toBe('Mar 26');
    expect(periodLabel({ key: '2026-03-02', start: '', end: '', partial: true, future: false }, 'week')).toBe('w/c 2 Mar 2026 (part)');
  });

  it('durations and percentages', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(30_000)).toBe('30 s');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(5 * 3_600_000)).toBe('5.0 h');
    expect(formatDuration(72 * 3_600_000)).toBe('3.0 d');
    expect(formatPercent(2 / 3)).toBe('66.7 %');
    expect(formatPercent(null)).toBe('—');
    expect(toPercent(1 / 3)).toBe(33.3);
    expect(toHours(5_400_000)).toBe(1.5);
  });

  it('picks a duration unit that keeps numbers readable', () => {
    expect(data.durationUnit(90 * 60_000).label).toBe('min');
    expect(data.durationUnit(5 * 3_600_000).label).toBe('h');
    expect(data.durationUnit(100 * 3_600_000).label).toBe('d');
  });
});

describe('chart data from a trends result', () => {
  it('opened per week: rows for the chart, the same numbers in the table', () => {
    const d = data.priorityCounts(r, 'opened');
    expect(d.rows.map((x) => [x.key, x.tick, x.P1, x.P3, x.total])).toEqual([
      ['2026-03-02', '2 Mar', 2, 1, 3],
      ['2026-03-09', '9 Mar', 0, 1, 2],
    ]);
    expect(d.table.columns).toEqual(['Period', 'P1', 'P2', 'P3', 'P4', 'P5', 'Total']);
    expect(d.table.rows).toEqual([
      ['w/c 2 Mar 2026', 2, 0, 1, 0, 0, 3],
      ['w/c 9 Mar 2026', 0, 1, 1, 0, 0, 2],
    ]);
    expect(d.summary).toBe('5 incidents opened; the busiest week was w/c 2 Mar 2026 with 3.');
  });

  it('backlog leaves periods after now empty', () => {
    const late = result({ from: '2026-03-09T00:00:00Z', to: '2026-03-30T00:00:00Z' });
    const d = data.backlog(late);
    expect(d.table.rows.map((x) => x.at(-1))).toEqual([2, 2, null]); // the week of 23 March starts after now (20 March)
    expect(d.summary).toBe('2 open at the end of the range; at most 2 (w/c 9 Mar 2026).');
  });

  it('durations in minutes when they are short, per priority', () => {
    const d = data.durations(r, 'mtta', 'all');
    expect(d.unit.label).toBe('min');
    expect(d.rows.map((x) => [x.n, x.median, x.p90, x.mean])).toEqual([
      [3, 10, 50, 25],
      [1, 30, 30, 30],
    ]);
    expect(d.table.columns[2]).toBe('Median (min)');
    const p1 = data.durations(r, 'mttr', 'P1');
    expect(p1.unit.label).toBe('h');
    expect(p1.rows.map((x) => x.median)).toEqual([2, null]);
    expect(data.durations(r, 'mttr', 'all').unit.label).toBe('h'); // p90 58.6 h stays under 72 h
  });

  it('SLA compliance in percent, with met and breached counts in the table', () => {
    const d = data.slaCompliance(r, 'acknowledge');
    expect(d.rows.map((x) => [x.all, x.P1, x.P2, x.P3])).toEqual([
      [66.7, 100, 100, 0],
      [0, null, 0, 0],
    ]);
    expect(d.table.rows[0]).toEqual(['w/c 2 Mar 2026', 2, 1, 66.7, 100, 100, 0, null, null]);
    expect(d.summary).toBe('Acknowledge target met 40.0 % of the time (2 met, 3 breached).');
    expect(data.slaCompliance(r, 'mitigate').summary).toBe('No mitigation clock decided in this range.');
  });

  it('breaches by target use only the policy’s targets', () => {
    const d = data.slaBreaches(r);
    expect(d.table.columns).toEqual(['Period', 'Acknowledge', 'Resolution', 'Total']);
    expect(d.table.rows).toEqual([
      ['w/c 2 Mar 2026', 1, 2, 3],
      ['w/c 9 Mar 2026', 2, 0, 2],
    ]);
    expect(d.summary).toBe('5 breaches; most were acknowledge targets (3).');
  });

  it('rates and after-hours share', () => {
    expect(data.rates(r).table.rows).toEqual([
      ['w/c 2 Mar 2026', 3, 1, 33.3, 3, 1, 33.3],
      ['w/c 9 Mar 2026', 2, 1, 50, 1, 0, 0],
    ]);
    const a = data.afterHours(r);
    expect(a.table.columns).toEqual(['Period', 'Work events', 'After hours', 'Share (%)']);
    expect(a.rows.every((x) => typeof x.share === 'number')).toBe(true);
  });

  it('heatmap table: a row per weekday with totals', () => {
    const d = data.heatmap(r);
    expect(d.table.columns).toHaveLength(26);
    expect(d.table.rows[0]!.slice(0, 1)).toEqual(['Monday']);
    expect(d.table.rows[0]![1 + 9]).toBe(1); // A, Monday 09:00
    expect(d.table.rows.map((x) => x.at(-1))).toEqual([1, 1, 1, 1, 0, 0, 1]);
    expect(d.summary).toBe('Busiest hour: Monday 09:00 (1 incident started); 20 % of starts fell on a weekend.');
  });

  it('breakdowns name the empty group, keep every row in the table', () => {
    const d = data.breakdown(r, 'service', 2);
    expect(d.rows.map((x) => x.name)).toEqual(['Payments', 'Email']);
    expect(d.table.rows.map((x) => x[0])).toEqual(['Payments', 'Email', '(no service)']);
    expect(d.unit.label).toBe('h');
    expect(d.rows[0]).toMatchObject({ opened: 3, resolved: 3, mttr: 3 });
  });

  it('recurring services: dates in the zone, candidates flagged', () => {
    const d = data.recurring(r, 'services', (iso) => iso.slice(0, 10));
    expect(d.table.rows[0]).toEqual(['Payments', 3, 3, '2026-03-02 – 2026-03-11', '2026-03-11', 'Yes', 'INC-2026-TEST-1, INC-2026-TEST-2, INC-2026-TEST-6']);
    expect(d.summary).toBe('1 service was seen 3 or more times within 30 days.');
  });

  it('describes the filters for exported pictures', () => {
    expect(data.describeFilters(r.query)).toBe('');
    expect(data.describeFilters(result({ filters: { priorities: ['P1', 'P2'], services: ['Email'] }, includeExercises: true }).query)).toBe('P1, P2 · Service Email · exercises included');
    expect(data.backlog(result({ filters: { categories: ['nothing like this'] } })).summary).toBe('No incident was open at the end of any period.');
  });

  it('headline figures', () => {
    const k = data.kpis(r);
    expect(k.map((x) => [x.label, x.value])).toEqual([
      ['Opened', '5'],
      ['Open at end', '2'],
      ['MTTA (median)', '20 min'], // 5, 10, 30, 60
      ['MTTR (median)', '4.0 h'],
      ['SLA met', '44.4 %'],
      ['Escalated', '40.0 %'],
      ['Reopened', '25.0 %'],
      ['After-hours work', expect.stringMatching(/ %$/)],
    ]);
  });
});

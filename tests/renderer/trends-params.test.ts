import { describe, expect, it } from 'vitest';
import { TrendsQuerySchema } from '../../shared/metrics/schema';
import {
  addDaysToDate,
  defaultParams,
  filtersFromSearch,
  filtersToSearch,
  NO_FILTERS,
  paramsFromSearch,
  paramsProblem,
  paramsToSearch,
  presetOf,
  presetRange,
  startOfLocalDate,
  todayIn,
  toQueryFilters,
  toQueryInput,
} from '../../renderer/src/features/trends/trends-params';

const NOW = Date.parse('2026-03-29T23:30:00Z'); // 30 March 00:30 in London (BST), still 29 March in New York

describe('trends parameters', () => {
  it('today and local midnights follow the time zone (daylight saving included)', () => {
    expect(todayIn('Europe/London', NOW)).toBe('2026-03-30');
    expect(todayIn('America/New_York', NOW)).toBe('2026-03-29');
    expect(startOfLocalDate('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfLocalDate('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDate('2026-03-29', 'UTC')).toBe('2026-03-29T00:00:00.000Z');
  });

  it('calendar arithmetic on dates', () => {
    expect(addDaysToDate('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('presets end today and are recognised again', () => {
    expect(presetRange('30d', '2026-03-30')).toEqual({ fromDate: '2026-03-01', toDate: '2026-03-30' });
    expect(presetRange('90d', '2026-03-30')).toEqual({ fromDate: '2025-12-31', toDate: '2026-03-30' });
    expect(presetRange('12m', '2026-03-30')).toEqual({ fromDate: '2025-03-31', toDate: '2026-03-30' });
    expect(presetRange('ytd', '2026-03-30')).toEqual({ fromDate: '2026-01-01', toDate: '2026-03-30' });
    expect(presetOf(presetRange('90d', '2026-03-30'), '2026-03-30')).toBe('90d');
    expect(presetOf({ fromDate: '2026-02-01', toDate: '2026-03-30' }, '2026-03-30')).toBeUndefined();
  });

  it('builds a query the API accepts: the last day is inclusive, one value per filter', () => {
    const p = { ...defaultParams(NOW, 'Europe/London'), fromDate: '2026-03-01', toDate: '2026-03-31', granularity: 'day' as const, priorities: ['P1' as const], service: 'Email' };
    const input = toQueryInput(p);
    expect(input).toMatchObject({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T23:00:00.000Z', // 1 April 00:00 BST
      granularity: 'day',
      timeZone: 'Europe/London',
      includeExercises: false,
      filters: { priorities: ['P1'], services: ['Email'], categories: [], teams: [], locations: [] },
    });
    expect(TrendsQuerySchema.safeParse(input).success).toBe(true);
  });

  it('explains parameters that cannot be asked for', () => {
    const p = defaultParams(NOW, 'UTC');
    expect(paramsProblem(p)).toBeUndefined();
    expect(paramsProblem({ ...p, fromDate: '2026-03-10', toDate: '2026-03-01' })).toMatch(/ends before/);
    expect(paramsProblem({ ...p, fromDate: '2020-01-01', granularity: 'day' })).toMatch(/too many days/);
    expect(paramsProblem({ ...p, fromDate: '' })).toMatch(/both dates/);
  });

  it('round-trips through the URL, writing only what differs from the defaults', () => {
    const d = defaultParams(NOW, 'UTC');
    expect(paramsToSearch(d, d)).toBe('');
    const p = { ...d, fromDate: '2026-01-01', toDate: '2026-02-01', granularity: 'month' as const, timeZone: 'Europe/London', includeExercises: true, priorities: ['P1' as const, 'P2' as const], category: 'Network & Voice', team: 'Service Desk' };
    const search = paramsToSearch(p, d);
    expect(search).toBe('from=2026-01-01&to=2026-02-01&granularity=month&tz=Europe%2FLondon&exercises=1&priority=P1%2CP2&category=Network+%26+Voice&team=Service+Desk');
    expect(paramsFromSearch(new URLSearchParams(search), d)).toEqual(p);
  });

  it('reads and writes the filters alone (the period report carries them), as the API takes them', () => {
    const q = new URLSearchParams('priority=P3,P1,P7&team=Service+Desk&exercises=1');
    const f = filtersFromSearch(q);
    expect(f).toEqual({ ...NO_FILTERS, priorities: ['P3', 'P1'], team: 'Service Desk', includeExercises: true });
    const back = new URLSearchParams();
    filtersToSearch(f, back);
    expect(back.toString()).toBe('exercises=1&priority=P3%2CP1&team=Service+Desk');
    expect(toQueryFilters(f)).toEqual({ includeExercises: true, filters: { priorities: ['P3', 'P1'], categories: [], teams: ['Service Desk'], services: [], locations: [] } });
    expect(filtersFromSearch(new URLSearchParams())).toEqual(NO_FILTERS);
  });

  it('ignores junk in the URL', () => {
    const d = defaultParams(NOW, 'UTC');
    const p = paramsFromSearch(new URLSearchParams('from=yesterday&to=2026-01-01&granularity=hour&priority=P9,P2'), d);
    expect(p).toEqual({ ...d, priorities: ['P2'] });
  });
});

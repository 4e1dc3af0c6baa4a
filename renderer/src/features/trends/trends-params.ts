/**
 * What the trends screen asks for, as the user sees it (local dates in a time zone, one value per
 * filter), and its translation into a `trends.query` input. Pure: time zone arithmetic through
 * @date-fns/tz, no DOM.
 */
import { TZDate } from '@date-fns/tz';
import { FILTER_PARAM } from '../../../../shared/contract/report-route';
import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import type { TrendsFilters, TrendsQueryInput } from '../../../../shared/metrics/schema';

export type Granularity = 'day' | 'week' | 'month';

export interface TrendsParams {
  /** First day of the range, YYYY-MM-DD in `timeZone`. */
  fromDate: string;
  /** Last day of the range (inclusive), YYYY-MM-DD in `timeZone`. */
  toDate: string;
  granularity: Granularity;
  timeZone: string;
  includeExercises: boolean;
  priorities: Priority[];
  /** '' = every value. */
  category: string;
  team: string;
  service: string;
  location: string;
}

/** What narrows the incidents counted (the period report carries these from the trends screen). */
export type TrendsFilterParams = Pick<TrendsParams, 'includeExercises' | 'priorities' | 'category' | 'team' | 'service' | 'location'>;

/** Every incident but exercises: the trends screen's default. */
export const NO_FILTERS: TrendsFilterParams = { includeExercises: false, priorities: [], category: '', team: '', service: '', location: '' };

const ONE_VALUE_FILTERS = ['category', 'team', 'service', 'location'] as const;

export type Preset = '30d' | '90d' | '12m' | 'ytd';
export const PRESETS: Array<{ id: Preset; label: string }> = [
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: '12m', label: 'Last 12 months' },
  { id: 'ytd', label: 'This year' },
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m!, d!];
}

/** Today's date in the time zone. */
export function todayIn(timeZone: string, now: number): string {
  const d = new TZDate(now, timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A calendar date moved by whole days (no time zone involved). */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The dates a preset covers, ending today. */
export function presetRange(preset: Preset, today: string): { fromDate: string; toDate: string } {
  const [y, m, d] = parts(today);
  switch (preset) {
    case '30d':
      return { fromDate: addDaysToDate(today, -29), toDate: today };
    case '90d':
      return { fromDate: addDaysToDate(today, -89), toDate: today };
    case '12m': {
      const t = new Date(Date.UTC(y - 1, m - 1, d + 1));
      return { fromDate: `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`, toDate: today };
    }
    case 'ytd':
      return { fromDate: `${y}-01-01`, toDate: today };
  }
}

/** The preset the dates match, if any. */
export function presetOf(p: Pick<TrendsParams, 'fromDate' | 'toDate'>, today: string): Preset | undefined {
  return PRESETS.find((x) => {
    const r = presetRange(x.id, today);
    return r.fromDate === p.fromDate && r.toDate === p.toDate;
  })?.id;
}

/** Midnight starting a local date, as an ISO instant. */
export function startOfLocalDate(date: string, timeZone: string): string {
  const [y, m, d] = parts(date);
  return new Date(+new TZDate(y, m - 1, d, timeZone)).toISOString();
}

export function defaultParams(now: number, timeZone: string): TrendsParams {
  return {
    ...presetRange('12m', todayIn(timeZone, now)),
    granularity: 'week',
    timeZone,
    ...NO_FILTERS,
  };
}

/** Longest range per granularity (the API refuses more buckets). */
const MAX_DAYS: Record<Granularity, number> = { day: 3 * 366, week: 20 * 365, month: 80 * 365 };

/** Why the parameters cannot be asked for, or undefined. */
export function paramsProblem(p: TrendsParams): string | undefined {
  if (!DATE.test(p.fromDate) || !DATE.test(p.toDate)) return 'Choose both dates of the range.';
  if (p.toDate < p.fromDate) return 'The range ends before it starts.';
  const days = (Date.parse(p.toDate) - Date.parse(p.fromDate)) / 86_400_000 + 1;
  if (days > MAX_DAYS[p.granularity]) return `That range has too many ${p.granularity}s: choose a coarser granularity or a shorter range.`;
  return undefined;
}

/** The filters as `trends.query` takes them. */
export function toQueryFilters(f: TrendsFilterParams): { includeExercises: boolean; filters: TrendsFilters } {
  const one = (v: string) => (v ? [v] : []);
  return {
    includeExercises: f.includeExercises,
    filters: { priorities: f.priorities, categories: one(f.category), teams: one(f.team), services: one(f.service), locations: one(f.location) },
  };
}

export function toQueryInput(p: TrendsParams): TrendsQueryInput {
  return {
    from: startOfLocalDate(p.fromDate, p.timeZone),
    to: startOfLocalDate(addDaysToDate(p.toDate, 1), p.timeZone),
    granularity: p.granularity,
    timeZone: p.timeZone,
    ...toQueryFilters(p),
  };
}

/** Adds the filters that are set to a URL query. */
export function filtersToSearch(f: TrendsFilterParams, q: URLSearchParams): void {
  if (f.includeExercises) q.set(FILTER_PARAM.exercises, '1');
  if (f.priorities.length) q.set(FILTER_PARAM.priority, f.priorities.join(','));
  for (const k of ONE_VALUE_FILTERS) if (f[k]) q.set(FILTER_PARAM[k], f[k]);
}

/** The filters of a URL query; unknown priorities are dropped (a stale or hand-edited link still opens). */
export function filtersFromSearch(q: URLSearchParams): TrendsFilterParams {
  return {
    includeExercises: q.get(FILTER_PARAM.exercises) === '1',
    priorities: (q.get(FILTER_PARAM.priority) ?? '')
      .split(',')
      .filter((x): x is Priority => (PRIORITIES as readonly string[]).includes(x)),
    category: q.get(FILTER_PARAM.category) ?? '',
    team: q.get(FILTER_PARAM.team) ?? '',
    service: q.get(FILTER_PARAM.service) ?? '',
    location: q.get(FILTER_PARAM.location) ?? '',
  };
}

/** The parameters in a URL query (only what differs from the defaults), for links and reloads. */
export function paramsToSearch(p: TrendsParams, defaults: TrendsParams): string {
  const q = new URLSearchParams();
  if (p.fromDate !== defaults.fromDate || p.toDate !== defaults.toDate) {
    q.set('from', p.fromDate);
    q.set('to', p.toDate);
  }
  if (p.granularity !== defaults.granularity) q.set('granularity', p.granularity);
  if (p.timeZone !== defaults.timeZone) q.set('tz', p.timeZone);
  filtersToSearch(p, q);
  return q.toString();
}

export function paramsFromSearch(q: URLSearchParams, defaults: TrendsParams): TrendsParams {
  const g = q.get('granularity');
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const dates = DATE.test(from) && DATE.test(to) ? { fromDate: from, toDate: to } : {};
  return {
    ...defaults,
    ...dates,
    granularity: g === 'day' || g === 'week' || g === 'month' ? g : defaults.granularity,
    timeZone: q.get('tz') || defaults.timeZone,
    ...filtersFromSearch(q),
  };
}

/** Zones offered besides the machine's own. */
export const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Paris', 'Europe/Madrid', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Kolkata', 'Asia/Singapore', 'Australia/Sydney'];

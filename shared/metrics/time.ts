/**
 * Time helpers for the metrics engine: fast ISO parsing, calendar buckets in a time zone, and a
 * local wall clock (weekday, minute of day) for a time zone that is cheap enough to call for
 * every event of a large workspace. Pure: time zone rules come from the runtime's Intl data
 * through @date-fns/tz; no system clock.
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from 'date-fns';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type Granularity = 'day' | 'week' | 'month';

const d = (s: string, i: number): number => s.charCodeAt(i) - 48;

/**
 * Epoch ms of an ISO time. The canonical form every event carries (`toISOString()`:
 * `YYYY-MM-DDTHH:mm:ss.sssZ`) is decoded by hand, several times faster than `Date.parse`;
 * anything else goes through `Date.parse`. NaN when it is not a time.
 */
export function parseIso(s: string): number {
  if (s.length === 24 && s.charCodeAt(23) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(19) === 46 /* . */) {
    const y = d(s, 0) * 1000 + d(s, 1) * 100 + d(s, 2) * 10 + d(s, 3);
    const mo = d(s, 5) * 10 + d(s, 6);
    const day = d(s, 8) * 10 + d(s, 9);
    const h = d(s, 11) * 10 + d(s, 12);
    const mi = d(s, 14) * 10 + d(s, 15);
    const sec = d(s, 17) * 10 + d(s, 18);
    const ms = d(s, 20) * 100 + d(s, 21) * 10 + d(s, 22);
    const t = Date.UTC(y, mo - 1, day, h, mi, sec, ms);
    if (mo >= 1 && mo <= 12 && day >= 1 && day <= 31 && h < 24 && mi < 60 && sec < 60 && ms >= 0 && Number.isFinite(t)) return t;
  }
  return Date.parse(s);
}

/** Epoch ms of an optional ISO time; null when absent or not a time. */
export function parseIsoOrNull(s: string | null | undefined): number | null {
  if (!s) return null;
  const t = parseIso(s);
  return Number.isFinite(t) ? t : null;
}

// ---------------------------------------------------------------------------------------------
// Buckets

export interface Bucket {
  /** Local date of the period's first day in the time zone, YYYY-MM-DD (months: YYYY-MM). */
  key: string;
  /** Counted part of the period: [start, end), clipped to the query range. */
  start: number;
  end: number;
  /** Whether the range cuts the calendar period (the first or last bucket of an unaligned range). */
  partial: boolean;
}

export interface Buckets {
  list: Bucket[];
  /** starts[i] = list[i].start; plus the range end as a sentinel: length = list.length + 1. */
  bounds: Float64Array;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function periodStart(t: TZDate, g: Granularity): TZDate {
  if (g === 'day') return startOfDay(t);
  if (g === 'week') return startOfWeek(t, { weekStartsOn: 1 });
  return startOfMonth(t);
}

function nextPeriod(t: TZDate, g: Granularity): TZDate {
  if (g === 'day') return startOfDay(addDays(t, 1));
  if (g === 'week') return startOfWeek(addWeeks(t, 1), { weekStartsOn: 1 });
  return startOfMonth(addMonths(t, 1));
}

/** Upper bound on buckets per query (a day per bucket over three years, with room). */
export const MAX_BUCKETS = 1200;

/**
 * Calendar periods (days, ISO weeks from Monday, months) of the time zone that overlap [from, to).
 * Each bucket is clipped to the range; a daylight-saving day is 23 or 25 hours long.
 */
export function makeBuckets(from: number, to: number, granularity: Granularity, timeZone: string): Buckets {
  const list: Bucket[] = [];
  if (!(to > from)) return { list, bounds: Float64Array.of(from) };
  let cur = periodStart(new TZDate(from, timeZone), granularity);
  while (+cur < to) {
    if (list.length >= MAX_BUCKETS) throw new RangeError(`More than ${MAX_BUCKETS} ${granularity} buckets: choose a shorter range or a coarser granularity`);
    const next = nextPeriod(cur, granularity);
    const key = granularity === 'month' ? `${cur.getFullYear()}-${pad(cur.getMonth() + 1)}` : `${cur.getFullYear()}-${pad(cur.getMonth() + 1)}-${pad(cur.getDate())}`;
    const start = Math.max(+cur, from);
    const end = Math.min(+next, to);
    list.push({ key, start, end, partial: +cur < from || +next > to });
    cur = next;
  }
  const bounds = new Float64Array(list.length + 1);
  list.forEach((b, i) => (bounds[i] = b.start));
  bounds[list.length] = to;
  return { list, bounds };
}

/** Index of the bucket holding t, or -1 when t is outside [from, to). Binary search over bounds. */
export function bucketOf(bounds: Float64Array, t: number): number {
  const n = bounds.length - 1;
  if (!(t >= bounds[0]!) || !(t < bounds[n]!)) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first index k with values[k] ≥ t (values ascending); values.length when none. */
export function lowerBound(values: ArrayLike<number>, t: number, lo = 0, hi = values.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Local wall clock

/**
 * Wall-clock reading of instants in one time zone over a bounded span. The UTC offsets (and the
 * instants where they change) are found once with a few Intl calls; then `local(t)` is arithmetic.
 */
export interface LocalClock {
  /** Epoch ms shifted by the zone's offset at t: its UTC fields are the local wall time. */
  local(t: number): number;
  /** 0 = Monday … 6 = Sunday. */
  weekday(t: number): number;
  /** 0 … 23. */
  hour(t: number): number;
  /** 0 … 1439. */
  minuteOfDay(t: number): number;
}

function offsetMs(timeZone: string, t: number): number {
  const m = tzOffset(timeZone, new Date(t));
  return Number.isFinite(m) ? m * MINUTE : 0;
}

/** Local clock valid for instants in [from − 1 day, to + 1 day] (outside, the nearest known offset applies). */
export function localClock(timeZone: string, from: number, to: number): LocalClock {
  const changes: number[] = []; // instants where the offset changes
  const offsets: number[] = []; // offsets[i] holds from changes[i-1] (or −∞) to changes[i]
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    offsets.push(0);
  } else {
    const a = Math.floor(from / DAY) * DAY - DAY;
    const b = Math.ceil(to / DAY) * DAY + DAY;
    let prevT = a;
    let prev = offsetMs(timeZone, a);
    offsets.push(prev);
    for (let t = a + DAY; t <= b; t += DAY) {
      const off = offsetMs(timeZone, t);
      if (off !== prev) {
        // Binary search the minute the offset changed at, within (prevT, t].
        let lo = prevT;
        let hi = t;
        while (hi - lo > MINUTE) {
          const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
          if (offsetMs(timeZone, mid) === prev) lo = mid;
          else hi = mid;
        }
        changes.push(hi);
        offsets.push(off);
        prev = off;
      }
      prevT = t;
    }
  }
  const single = changes.length === 0;
  const only = offsets[0]!;
  const local = (t: number): number => {
    if (single) return t + only;
    let i = 0;
    while (i < changes.length && t >= changes[i]!) i++;
    return t + offsets[i]!;
  };
  const dayStart = (l: number) => Math.floor(l / DAY) * DAY;
  return {
    local,
    weekday(t) {
      const l = local(t);
      return (((Math.floor(l / DAY) + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (3 when Monday = 0)
    },
    hour(t) {
      const l = local(t);
      return Math.floor((l - dayStart(l)) / HOUR);
    },
    minuteOfDay(t) {
      const l = local(t);
      return Math.floor((l - dayStart(l)) / MINUTE);
    },
  };
}

/** Working hours for the after-hours share: Monday–Friday 08:00–18:00 local time. */
export const OFFICE_HOURS = { firstWeekday: 0, lastWeekday: 4, startMinute: 8 * 60, endMinute: 18 * 60 } as const;

/** Whether t falls outside Mon–Fri 08:00–18:00 on the clock's zone. */
export function isAfterHours(clock: LocalClock, t: number): boolean {
  const l = clock.local(t);
  const day = Math.floor(l / DAY);
  const wd = (((day + 3) % 7) + 7) % 7;
  if (wd < OFFICE_HOURS.firstWeekday || wd > OFFICE_HOURS.lastWeekday) return true;
  const minute = Math.floor((l - day * DAY) / MINUTE);
  return minute < OFFICE_HOURS.startMinute || minute >= OFFICE_HOURS.endMinute;
}

/**
 * Office hours (Mon–Fri 08:00–18:00 local) over [from − 1 day, to + 1 day] as UTC instants:
 * window i is [starts[i], ends[i]), ascending and disjoint. Lets a sorted run of instants be
 * classified by comparisons alone (see `OfficeHours.cursor`).
 */
export interface OfficeHours {
  starts: Float64Array;
  ends: Float64Array;
}

export function officeHours(timeZone: string, from: number, to: number): OfficeHours {
  const starts: number[] = [];
  const ends: number[] = [];
  let day = startOfDay(new TZDate(from - DAY, timeZone));
  const last = to + DAY;
  for (let guard = 0; +day < last && guard < 40_000; guard++) {
    const wd = (day.getDay() + 6) % 7; // Monday = 0
    if (wd >= OFFICE_HOURS.firstWeekday && wd <= OFFICE_HOURS.lastWeekday) {
      const y = day.getFullYear();
      const m = day.getMonth();
      const d = day.getDate();
      starts.push(+new TZDate(y, m, d, OFFICE_HOURS.startMinute / 60, OFFICE_HOURS.startMinute % 60, timeZone));
      ends.push(+new TZDate(y, m, d, OFFICE_HOURS.endMinute / 60, OFFICE_HOURS.endMinute % 60, timeZone));
    }
    day = startOfDay(addDays(day, 1));
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
}

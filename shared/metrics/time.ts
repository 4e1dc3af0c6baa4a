/**
 * Time helpers for the metrics engine: fast ISO parsing, calendar buckets in a time zone, and a
 * local wall clock (weekday, minute of day) for a time zone that is cheap enough to call for
 * every event of a large workspace. Pure: time zone rules come from the runtime's Intl data
 * through @date-fns/tz; no system clock.
 */
import { tzOffset } from '@date-fns/tz';

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

/** Upper bound on buckets per query (a day per bucket over three years, with room). */
export const MAX_BUCKETS = 1200;

/** Start of the local period holding local time l (local ms, see LocalClock.local), and the next one. */
function periodOf(l: number, g: Granularity): [number, number] {
  const day = Math.floor(l / DAY);
  if (g === 'day') return [day * DAY, (day + 1) * DAY];
  if (g === 'week') {
    const monday = day - weekdayOfDay(day);
    return [monday * DAY, (monday + 7) * DAY];
  }
  const d = new Date(l);
  return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
}

/**
 * Calendar periods (days, ISO weeks from Monday, months) of the time zone that overlap [from, to).
 * Each bucket is clipped to the range; a daylight-saving day is 23 or 25 hours long.
 */
export function makeBuckets(from: number, to: number, granularity: Granularity, timeZone: string, clock = localClock(timeZone, from - 32 * DAY, to + 32 * DAY)): Buckets {
  const list: Bucket[] = [];
  if (!(to > from)) return { list, bounds: Float64Array.of(from) };
  let [l, next] = periodOf(clock.local(from), granularity);
  let start = clock.utc(l);
  while (start < to) {
    if (list.length >= MAX_BUCKETS) throw new RangeError(`More than ${MAX_BUCKETS} ${granularity} buckets: choose a shorter range or a coarser granularity`);
    const end = clock.utc(next);
    if (end <= start) {
      // A local day that never happened (Samoa skipped 30 December 2011).
      [l, next] = periodOf(next, granularity);
      continue;
    }
    const d = new Date(l);
    const ym = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    list.push({ key: granularity === 'month' ? ym : `${ym}-${pad(d.getUTCDate())}`, start: Math.max(start, from), end: Math.min(end, to), partial: start < from || end > to });
    [l, next] = periodOf(next, granularity);
    start = end;
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
  /**
   * The instant a local wall time (as from `local`) happens: the earlier one when the wall time
   * happens twice (clocks going back); a wall time skipped by clocks going forward moves forward by
   * the gap (00:30 in a 00:00–01:00 gap → 01:30), as date-fns does.
   */
  utc(local: number): number;
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
  const utc = (l: number): number => {
    if (single) return l - only;
    for (let i = 0; i < offsets.length; i++) {
      const t = l - offsets[i]!;
      const lo = i === 0 ? -Infinity : changes[i - 1]!;
      const hi = i === changes.length ? Infinity : changes[i]!;
      if (t < lo) continue;
      if (t < hi) return t;
      if (i + 1 < offsets.length && l - offsets[i + 1]! < hi) return t; // in the gap: forward by its length
    }
    return l - offsets[offsets.length - 1]!;
  };
  const dayStart = (l: number) => Math.floor(l / DAY) * DAY;
  return {
    local,
    utc,
    weekday(t) {
      return weekdayOfDay(Math.floor(local(t) / DAY));
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

/** Weekday (0 = Monday) of a day number counted from 1970-01-01 (a Thursday). */
export function weekdayOfDay(day: number): number {
  return day + 3 - 7 * Math.floor((day + 3) / 7);
}

/** Working hours for the after-hours share: Monday–Friday 08:00–18:00 local time. */
export const OFFICE_HOURS = { firstWeekday: 0, lastWeekday: 4, startMinute: 8 * 60, endMinute: 18 * 60 } as const;

/** Whether t falls outside Mon–Fri 08:00–18:00 on the clock's zone. */
export function isAfterHours(clock: LocalClock, t: number): boolean {
  const l = clock.local(t);
  const day = Math.floor(l / DAY);
  const wd = weekdayOfDay(day);
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

export function officeHours(timeZone: string, from: number, to: number, clock = localClock(timeZone, from, to)): OfficeHours {
  const starts: number[] = [];
  const ends: number[] = [];
  const last = Math.floor(clock.local(to + DAY) / DAY);
  for (let day = Math.floor(clock.local(from - DAY) / DAY); day <= last; day++) {
    const wd = weekdayOfDay(day);
    if (wd < OFFICE_HOURS.firstWeekday || wd > OFFICE_HOURS.lastWeekday) continue;
    starts.push(clock.utc(day * DAY + OFFICE_HOURS.startMinute * MINUTE));
    ends.push(clock.utc(day * DAY + OFFICE_HOURS.endMinute * MINUTE));
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
}

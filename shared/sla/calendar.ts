/**
 * Calendars for SLA clocks: 24/7, or business hours in an IANA time zone with weekly hours and
 * holidays. Pure: time zone rules come from the runtime's Intl data (through @date-fns/tz); no
 * system clock. Business time is counted in real milliseconds between UTC instants, so a working
 * day that spans a daylight-saving change still counts the hours that really passed.
 */
import { tzOffset } from '@date-fns/tz';
import { z } from 'zod';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof WeekdaySchema>;
/** Index by JavaScript's getUTCDay() (0 = Sunday). */
const WEEKDAY_BY_JS_DAY: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Local wall time "HH:MM"; "24:00" ends a window at midnight. */
export const TimeOfDaySchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM (00:00–24:00)');
export const LocalDateSchema = z.iso.date();

const knownZones = new Map<string, boolean>();

/** Whether the runtime knows the IANA time zone (cached: policies are parsed often, zones are few). */
export function isTimeZone(tz: string): boolean {
  let ok = knownZones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    knownZones.set(tz, ok);
  }
  return ok;
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** One block of working hours on some weekdays; a night shift is two blocks (22:00–24:00, 00:00–06:00). */
export const WorkingHoursSchema = z
  .object({
    days: z.array(WeekdaySchema).min(1),
    start: TimeOfDaySchema,
    end: TimeOfDaySchema,
  })
  .refine((h) => minutesOf(h.end) > minutesOf(h.start), { message: 'end must be after start (split windows that cross midnight)', path: ['end'] });
export type WorkingHours = z.infer<typeof WorkingHoursSchema>;

export const BusinessCalendarSchema = z.object({
  kind: z.literal('business'),
  /** IANA time zone the hours and holidays are local to, e.g. "Europe/London". */
  timeZone: z.string().refine(isTimeZone, 'unknown time zone'),
  hours: z.array(WorkingHoursSchema).min(1),
  /** Local dates (YYYY-MM-DD) with no working hours. */
  holidays: z.array(LocalDateSchema).default([]),
});
export const AlwaysCalendarSchema = z.object({ kind: z.literal('24x7') });
export const CalendarSchema = z.discriminatedUnion('kind', [AlwaysCalendarSchema, BusinessCalendarSchema]);
export type CalendarDef = z.infer<typeof CalendarSchema>;
export type BusinessCalendarDef = z.infer<typeof BusinessCalendarSchema>;

/** Working time arithmetic over a calendar. All instants are epoch milliseconds. */
export interface WorkCalendar {
  readonly always: boolean;
  /** Whether `t` is inside working time (windows are [start, end)). */
  isWorking(t: number): boolean;
  /** Working milliseconds in [a, b). */
  workingMs(a: number, b: number): number;
  /**
   * The earliest instant t ≥ a at which `ms` working milliseconds have passed since a
   * (for ms = 0: the first working instant ≥ a). Infinity when the calendar never works again.
   */
  addWorking(a: number, ms: number): number;
  /** The next instant after t where working time starts or stops (adjacent windows merge); Infinity if none. */
  nextBoundary(t: number): number;
}

export const ALWAYS: WorkCalendar = {
  always: true,
  isWorking: () => true,
  workingMs: (a, b) => Math.max(0, b - a),
  addWorking: (a, ms) => a + ms,
  nextBoundary: () => Infinity,
};

/** Longest stretch without any working time before a calendar counts as never working again. */
const MAX_IDLE_DAYS = 3 * 366;
/** Local days lie within UTC-14h … UTC+14h of their UTC namesake. */
const ZONE_SLACK = 15 * HOUR;

class BusinessCalendar implements WorkCalendar {
  readonly always = false;
  private readonly byWeekday = new Map<Weekday, Array<[number, number]>>();
  private readonly holidays: Set<string>;
  /** Local day number (days since 1970-01-01 local) → flat [start, end, start, end…] in UTC ms. */
  private readonly days = new Map<number, readonly number[]>();

  constructor(private readonly def: BusinessCalendarDef) {
    for (const h of def.hours) {
      for (const d of h.days) {
        const list = this.byWeekday.get(d) ?? [];
        list.push([minutesOf(h.start), minutesOf(h.end)]);
        this.byWeekday.set(d, list);
      }
    }
    for (const [d, list] of this.byWeekday) this.byWeekday.set(d, mergeRanges(list));
    this.holidays = new Set(def.holidays);
  }

  /** UTC instant of a local wall time (ms since the local epoch); times in a DST gap move forward by the gap. */
  private toUtc(local: number): number {
    const guess = local - tzOffset(this.def.timeZone, new Date(local)) * MINUTE;
    const offset = tzOffset(this.def.timeZone, new Date(guess)) * MINUTE;
    return local - offset;
  }

  /** Working windows of one local day as UTC instants, cached. */
  windows(day: number): readonly number[] {
    let w = this.days.get(day);
    if (w) return w;
    const out: number[] = [];
    const midnight = day * DAY;
    const date = new Date(midnight);
    const ranges = this.holidays.has(date.toISOString().slice(0, 10)) ? undefined : this.byWeekday.get(WEEKDAY_BY_JS_DAY[date.getUTCDay()]!);
    for (const [s, e] of ranges ?? []) {
      const start = this.toUtc(midnight + s * MINUTE);
      const end = this.toUtc(midnight + e * MINUTE);
      if (end > start) out.push(start, end);
    }
    w = out;
    this.days.set(day, w);
    return w;
  }

  /**
   * Calls fn(start, end) for each window with end > t, in time order (not merged), until fn
   * returns true or the calendar stays idle for MAX_IDLE_DAYS. Returns whether fn stopped it.
   */
  private scan(t: number, fn: (start: number, end: number) => boolean): boolean {
    let idle = 0;
    for (let day = Math.floor(t / DAY) - 1; idle < MAX_IDLE_DAYS; day++) {
      const w = this.windows(day);
      if (w.length === 0) {
        idle++;
        continue;
      }
      idle = 0;
      for (let i = 0; i < w.length; i += 2) {
        if (w[i + 1]! > t && fn(w[i]!, w[i + 1]!)) return true;
      }
    }
    return false;
  }

  isWorking(t: number): boolean {
    let working = false;
    this.scan(t, (s) => {
      working = s <= t;
      return true;
    });
    return working;
  }

  workingMs(a: number, b: number): number {
    if (b <= a) return 0;
    let sum = 0;
    for (let day = Math.floor(a / DAY) - 1; day * DAY - ZONE_SLACK < b; day++) {
      const w = this.windows(day);
      for (let i = 0; i < w.length; i += 2) {
        const s = Math.max(w[i]!, a);
        const e = Math.min(w[i + 1]!, b);
        if (e > s) sum += e - s;
      }
    }
    return sum;
  }

  addWorking(a: number, ms: number): number {
    let need = ms;
    let at = Infinity;
    this.scan(a, (s, e) => {
      const from = Math.max(s, a);
      if (e - from >= need) {
        at = from + need;
        return true;
      }
      need -= e - from;
      return false;
    });
    return at;
  }

  nextBoundary(t: number): number {
    let at = Infinity;
    let open = -Infinity; // end of the merged window containing t, while following adjacent windows
    this.scan(t, (s, e) => {
      if (open === -Infinity) {
        if (s > t) {
          at = s;
          return true;
        }
        open = e;
        return false;
      }
      if (s > open) {
        at = open;
        return true;
      }
      open = Math.max(open, e);
      return false;
    });
    // An idle scan after an open window: the window's end is the boundary.
    return at === Infinity && open !== -Infinity ? open : at;
  }
}

function mergeRanges(list: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const compiled = new WeakMap<CalendarDef, WorkCalendar>();

/** The calendar's arithmetic; compiled once per definition object (day windows are cached in it). */
export function workCalendar(def: CalendarDef): WorkCalendar {
  if (def.kind === '24x7') return ALWAYS;
  let c = compiled.get(def);
  if (!c) {
    c = new BusinessCalendar(def);
    compiled.set(def, c);
  }
  return c;
}

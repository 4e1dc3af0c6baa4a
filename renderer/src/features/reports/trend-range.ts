/** The period of a trend report: `from`/`to` as dates (midnight in the report's zone) or ISO instants. */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY = 86_400_000;

/** Offset of `tz` from UTC at instant `t`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(t: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** Midnight of a calendar date in `tz`, as an instant. */
export function zonedMidnight(date: string, tz: string): number | undefined {
  const m = DATE_ONLY.exec(date);
  if (!m) return undefined;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = guess - zoneOffsetMs(guess, tz);
  t = guess - zoneOffsetMs(t, tz); // settle across a DST change
  return t;
}

/** "2026-03-31" → "2026-04-01". */
export function nextDate(date: string): string {
  const m = DATE_ONLY.exec(date)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

function instant(value: string | null, tz: string): number | undefined {
  if (!value) return undefined;
  const midnight = zonedMidnight(value, tz);
  if (midnight !== undefined) return midnight;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

export type Granularity = 'day' | 'week' | 'month';

export interface TrendRange {
  from: number;
  to: number;
  granularity: Granularity;
  /** `to` was given as a date: the report includes that whole day. */
  inclusiveDate: boolean;
}

/** Default granularity: days up to a month, weeks up to half a year, months beyond. */
export function defaultGranularity(spanMs: number): Granularity {
  if (spanMs <= 31 * DAY) return 'day';
  if (spanMs <= 183 * DAY) return 'week';
  return 'month';
}

/**
 * Reads the period: `to` as a date means the end of that day. Without `from`/`to`: the 28 days up
 * to `now`. A `to` before `from` is an error the caller shows.
 */
export function parseTrendRange(params: URLSearchParams, tz: string, now: number): TrendRange | { error: string } {
  const rawTo = params.get('to');
  const toDate = rawTo ? DATE_ONLY.test(rawTo) : false;
  let to = instant(rawTo, tz);
  if (rawTo && to === undefined) return { error: `"to" is not a date: ${rawTo}` };
  if (to !== undefined && toDate) to = zonedMidnight(nextDate(rawTo!), tz) ?? to + DAY;
  const rawFrom = params.get('from');
  let from = instant(rawFrom, tz);
  if (rawFrom && from === undefined) return { error: `"from" is not a date: ${rawFrom}` };
  to ??= now;
  from ??= to - 28 * DAY;
  if (!(to > from)) return { error: '"to" must be after "from"' };
  const g = params.get('granularity');
  const granularity: Granularity = g === 'day' || g === 'week' || g === 'month' ? g : defaultGranularity(to - from);
  return { from, to, granularity, inclusiveDate: toDate };
}

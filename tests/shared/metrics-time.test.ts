import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { quantileSorted, summarize } from '../../shared/metrics/stats';
import { bucketOf, DAY, HOUR, isAfterHours, localClock, lowerBound, makeBuckets, officeHours, parseIso } from '../../shared/metrics/time';

const t = (s: string) => Date.parse(s);

/** Buckets by date-fns over TZDate: the reference the fast version must equal. */
function referenceBuckets(from: number, to: number, g: 'day' | 'week' | 'month', zone: string) {
  const start = (d: TZDate): TZDate => (g === 'day' ? startOfDay(d) : g === 'week' ? startOfWeek(d, { weekStartsOn: 1 }) : startOfMonth(d));
  const next = (d: TZDate): TZDate => (g === 'day' ? startOfDay(addDays(d, 1)) : g === 'week' ? startOfWeek(addWeeks(d, 1), { weekStartsOn: 1 }) : startOfMonth(addMonths(d, 1)));
  const pad = (n: number) => String(n).padStart(2, '0');
  const out = [];
  for (let cur = start(new TZDate(from, zone)); +cur < to; ) {
    const n = next(cur);
    const key = g === 'month' ? `${cur.getFullYear()}-${pad(cur.getMonth() + 1)}` : `${cur.getFullYear()}-${pad(cur.getMonth() + 1)}-${pad(cur.getDate())}`;
    out.push({ key, start: Math.max(+cur, from), end: Math.min(+n, to), partial: +cur < from || +n > to });
    cur = n;
  }
  return out;
}

describe('parseIso', () => {
  it('decodes the canonical form exactly like Date.parse, and falls back for others', () => {
    for (const s of ['2026-03-02T09:00:00.000Z', '1999-12-31T23:59:59.999Z', '2024-02-29T12:34:56.789Z', '2026-03-02T10:00:00+01:00', '2026-03-02T09:00:00Z']) {
      expect(parseIso(s)).toBe(Date.parse(s));
    }
    expect(parseIso('not a time')).toBeNaN();
  });
});

describe('quantiles (type 7: linear between closest ranks)', () => {
  it('median of even and odd counts, p90 interpolated, mean', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([5, 10, 60], 0.5)).toBe(10);
    expect(quantileSorted([5, 10, 60], 0.9)).toBeCloseTo(50); // h = 1.8 → 10 + 0.8 × 50
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNull();
    const s = summarize(Float64Array.of(60, 5, 10));
    expect(s).toMatchObject({ n: 3, median: 10, mean: 25 });
    expect(s.p90).toBeCloseTo(50, 9);
    expect(summarize(new Float64Array(0))).toEqual({ n: 0, median: null, p90: null, mean: null });
  });
});

describe('makeBuckets', () => {
  it('ISO weeks from Monday in UTC; the range clips the first and last', () => {
    const { list, bounds } = makeBuckets(t('2026-03-04T12:00:00Z'), t('2026-03-18T00:00:00Z'), 'week', 'UTC');
    expect(list.map((b) => [b.key, new Date(b.start).toISOString(), new Date(b.end).toISOString(), b.partial])).toEqual([
      ['2026-03-02', '2026-03-04T12:00:00.000Z', '2026-03-09T00:00:00.000Z', true],
      ['2026-03-09', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z', false],
      ['2026-03-16', '2026-03-16T00:00:00.000Z', '2026-03-18T00:00:00.000Z', true],
    ]);
    expect(bucketOf(bounds, t('2026-03-04T11:59:59Z'))).toBe(-1);
    expect(bucketOf(bounds, t('2026-03-04T12:00:00Z'))).toBe(0);
    expect(bucketOf(bounds, t('2026-03-09T00:00:00Z'))).toBe(1);
    expect(bucketOf(bounds, t('2026-03-17T23:59:59Z'))).toBe(2);
    expect(bucketOf(bounds, t('2026-03-18T00:00:00Z'))).toBe(-1);
  });

  it('local days in Europe/London: the day clocks go forward is 23 hours, local midnight moves to 23:00Z', () => {
    const { list } = makeBuckets(t('2026-03-27T00:00:00Z'), t('2026-04-01T00:00:00Z'), 'day', 'Europe/London');
    // The range ends at 00:00Z on 1 April, which is 01:00 BST: one partial hour of 1 April.
    expect(list.map((b) => b.key)).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
    expect(list.map((b) => (b.end - b.start) / HOUR)).toEqual([24, 24, 23, 24, 24, 1]);
    expect(new Date(list[3]!.start).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(list.map((b) => b.partial)).toEqual([false, false, false, false, false, true]);
  });

  it('months in New York', () => {
    const { list } = makeBuckets(t('2026-01-01T05:00:00Z'), t('2026-04-01T04:00:00Z'), 'month', 'America/New_York');
    expect(list.map((b) => [b.key, new Date(b.start).toISOString(), b.partial])).toEqual([
      ['2026-01', '2026-01-01T05:00:00.000Z', false],
      ['2026-02', '2026-02-01T05:00:00.000Z', false],
      ['2026-03', '2026-03-01T05:00:00.000Z', false],
    ]);
    expect(list[2]!.end).toBe(t('2026-04-01T04:00:00Z')); // EDT from 8 March
  });

  it('equals date-fns with TZDate (the reference) for random ranges in zones with odd rules', () => {
    let seed = 5;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const zones = ['UTC', 'Europe/London', 'America/Santiago', 'America/Havana', 'America/Asuncion', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Africa/Casablanca'];
    for (const zone of zones) {
      for (const g of ['day', 'week', 'month'] as const) {
        const from = t('2025-01-01T00:00:00Z') + Math.floor(rnd() * 500 * DAY);
        const to = from + Math.floor((g === 'day' ? 60 : g === 'week' ? 200 : 400) * DAY * rnd()) + HOUR;
        const ours = makeBuckets(from, to, g, zone).list;
        expect(ours, `${zone} ${g}`).toEqual(referenceBuckets(from, to, g, zone));
      }
    }
  });

  it('skips a local day that never happened (Samoa, 30 December 2011)', () => {
    const { list } = makeBuckets(t('2011-12-28T12:00:00Z'), t('2012-01-02T12:00:00Z'), 'day', 'Pacific/Apia');
    expect(list.map((b) => b.key)).toEqual(['2011-12-28', '2011-12-29', '2011-12-31', '2012-01-01', '2012-01-02', '2012-01-03']);
    expect(list[2]!.start).toBe(t('2011-12-30T10:00:00Z')); // 31 December began when 29 December ended
  });

  it('refuses absurd bucket counts', () => {
    expect(() => makeBuckets(0, 4000 * DAY, 'day', 'UTC')).toThrow(RangeError);
  });
});

describe('localClock and office hours', () => {
  it('reads weekday and hour across a daylight-saving change', () => {
    const c = localClock('Europe/London', t('2026-03-20T00:00:00Z'), t('2026-04-10T00:00:00Z'));
    expect([c.weekday(t('2026-03-27T07:30:00Z')), c.hour(t('2026-03-27T07:30:00Z'))]).toEqual([4, 7]); // Fri 07:30 GMT
    expect([c.weekday(t('2026-03-30T07:30:00Z')), c.hour(t('2026-03-30T07:30:00Z'))]).toEqual([0, 8]); // Mon 08:30 BST
    expect(c.hour(t('2026-03-29T00:59:59Z'))).toBe(0);
    expect(c.hour(t('2026-03-29T01:00:00Z'))).toBe(2); // 01:00 GMT → 02:00 BST
    expect(c.weekday(t('2026-03-29T23:30:00Z'))).toBe(0); // Monday 00:30 BST
  });

  it('half-hour zones and the far east of the date line', () => {
    const kolkata = localClock('Asia/Kolkata', t('2026-06-01T00:00:00Z'), t('2026-06-02T00:00:00Z'));
    expect(kolkata.minuteOfDay(t('2026-06-01T02:30:00Z'))).toBe(8 * 60);
    const kiritimati = localClock('Pacific/Kiritimati', t('2026-06-01T00:00:00Z'), t('2026-06-02T00:00:00Z'));
    expect(kiritimati.weekday(t('2026-06-01T12:00:00Z'))).toBe(1); // Monday noon UTC is Tuesday 02:00 at UTC+14
  });

  it('after hours: outside Monday–Friday 08:00–18:00 local', () => {
    const c = localClock('Europe/London', t('2026-06-01T00:00:00Z'), t('2026-06-30T00:00:00Z'));
    expect(isAfterHours(c, t('2026-06-08T06:59:00Z'))).toBe(true); // Mon 07:59 BST
    expect(isAfterHours(c, t('2026-06-08T07:00:00Z'))).toBe(false); // 08:00
    expect(isAfterHours(c, t('2026-06-08T16:59:59Z'))).toBe(false); // 17:59:59
    expect(isAfterHours(c, t('2026-06-08T17:00:00Z'))).toBe(true); // 18:00
    expect(isAfterHours(c, t('2026-06-06T12:00:00Z'))).toBe(true); // Saturday
  });

  it('office windows classify exactly like the local clock, in every zone', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const zone of ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Apia']) {
      const from = t('2026-01-01T00:00:00Z');
      const to = t('2027-01-01T00:00:00Z');
      const c = localClock(zone, from, to);
      const { starts, ends } = officeHours(zone, from, to);
      expect(starts.length).toBeGreaterThan(255);
      for (let i = 0; i < 2000; i++) {
        const x = from + Math.floor(rnd() * (to - from) / 60_000) * 60_000;
        const k = ends.findIndex((e) => e > x);
        const inside = k >= 0 && starts[k]! <= x;
        expect(inside, `${zone} ${new Date(x).toISOString()}`).toBe(!isAfterHours(c, x));
      }
    }
  });

  it('lowerBound', () => {
    expect(lowerBound([1, 3, 3, 5], 3)).toBe(1);
    expect(lowerBound([1, 3, 3, 5], 6)).toBe(4);
    expect(lowerBound([1, 3, 3, 5], 0)).toBe(0);
  });
});

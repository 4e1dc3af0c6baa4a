import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS, CalendarSchema, workCalendar, type CalendarDef } from '../../shared/sla/calendar';
import { UK_BANK_HOLIDAYS_2026_2027 } from '../../shared/sla/defaults';
import { bruteIsWorking, bruteWorkingMs, expectTime, HOUR, LONDON_9_TO_6, MINUTE, t } from './sla-helpers';

const london = workCalendar(LONDON_9_TO_6);
const londonHolidays = workCalendar({ ...LONDON_9_TO_6, holidays: UK_BANK_HOLIDAYS_2026_2027 });
/** Sundays only, all day: a local day's real length shows through. */
const sundays = workCalendar(CalendarSchema.parse({ kind: 'business', timeZone: 'Europe/London', hours: [{ days: ['sun'], start: '00:00', end: '24:00' }] }));
/** A night desk in New York: 22:00–06:00 every night, written as two windows. */
const NIGHTS: CalendarDef = CalendarSchema.parse({
  kind: 'business',
  timeZone: 'America/New_York',
  hours: [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '22:00', end: '24:00' },
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '06:00' },
  ],
});
const nights = workCalendar(NIGHTS);

describe('business calendar: due moments (addWorking)', () => {
  it.each([
    ['Friday 17:50 + 1 business hour → Monday 08:50', london, '2026-03-06T17:50:00Z', 60, '2026-03-09T08:50:00Z'],
    ['inside hours, same day', london, '2026-03-04T09:00:00Z', 120, '2026-03-04T11:00:00Z'],
    ['ending exactly at close stays that day', london, '2026-03-04T17:00:00Z', 60, '2026-03-04T18:00:00Z'],
    ['started on Saturday: from Monday opening', london, '2026-03-07T12:00:00Z', 30, '2026-03-09T08:30:00Z'],
    ['before opening', london, '2026-03-04T06:00:00Z', 15, '2026-03-04T08:15:00Z'],
    ['1 business day (600 min) from Wednesday 10:00', london, '2026-03-04T10:00:00Z', 600, '2026-03-05T10:00:00Z'],
    ['3 business days from Thursday 10:00 skip the weekend', london, '2026-03-05T10:00:00Z', 1800, '2026-03-10T10:00:00Z'],
    // Clocks go forward on Sunday 29 March 2026: Monday opens at 08:00 BST = 07:00 UTC.
    ['spring DST weekend: Friday 17:00 GMT + 2 h → Monday 09:00 BST', london, '2026-03-27T17:00:00Z', 120, '2026-03-30T08:00:00Z'],
    // Clocks go back on Sunday 25 October 2026: Friday closes 18:00 BST = 17:00 UTC, Monday opens 08:00 GMT.
    ['autumn DST weekend: Friday 17:00 BST + 2 h → Monday 09:00 GMT', london, '2026-10-23T16:00:00Z', 120, '2026-10-26T09:00:00Z'],
    ['Easter: Thursday 17:30 BST + 1 h skips Good Friday and Easter Monday', londonHolidays, '2026-04-02T16:30:00Z', 60, '2026-04-07T07:30:00Z'],
    ['Christmas 2026: Thursday 24 Dec 17:00 + 2 h → Tuesday 29 Dec 09:00', londonHolidays, '2026-12-24T17:00:00Z', 120, '2026-12-29T09:00:00Z'],
    ['zero minutes outside hours: the next opening', london, '2026-03-07T12:00:00Z', 0, '2026-03-09T08:00:00Z'],
    ['night desk across midnight (23:00 EST + 2 h → 01:00 EST)', nights, '2026-03-04T04:00:00Z', 120, '2026-03-04T06:00:00Z'],
    ['night desk from 05:30 EST: 30 min, then the next night', nights, '2026-03-04T10:30:00Z', 60, '2026-03-05T03:30:00Z'],
  ])('%s', (_name, cal, from, minutes, due) => {
    expectTime(cal.addWorking(t(from), minutes * MINUTE), due);
  });

  it('24/7 adds wall-clock time, DST or not', () => {
    expectTime(ALWAYS.addWorking(t('2026-03-29T00:30:00Z'), 4 * HOUR), '2026-03-29T04:30:00Z');
    expect(ALWAYS.workingMs(t('2026-10-25T00:00:00Z'), t('2026-10-26T00:00:00Z'))).toBe(24 * HOUR);
  });
});

describe('business calendar: counted time (workingMs)', () => {
  it.each([
    ['a normal week', london, '2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z', 50 * HOUR],
    ['the spring DST week still has 10 real hours a day', london, '2026-03-23T00:00:00Z', '2026-03-31T00:00:00Z', 60 * HOUR],
    ['the autumn DST week too', london, '2026-10-19T00:00:00Z', '2026-10-27T00:00:00Z', 60 * HOUR],
    ['Sunday 29 March 2026 (clocks forward) is 23 hours long', sundays, '2026-03-28T00:00:00Z', '2026-03-30T12:00:00Z', 23 * HOUR],
    ['Sunday 25 October 2026 (clocks back) is 25 hours long', sundays, '2026-10-24T00:00:00Z', '2026-10-26T12:00:00Z', 25 * HOUR],
    ['an ordinary Sunday is 24 hours', sundays, '2026-03-21T00:00:00Z', '2026-03-23T12:00:00Z', 24 * HOUR],
    ['Easter week loses Good Friday and Easter Monday', londonHolidays, '2026-03-30T00:00:00Z', '2026-04-11T00:00:00Z', 80 * HOUR],
    ['Friday 17:50 to Monday 08:50', london, '2026-03-06T17:50:00Z', '2026-03-09T08:50:00Z', HOUR],
    ['empty and reversed ranges', london, '2026-03-04T10:00:00Z', '2026-03-04T10:00:00Z', 0],
    ['night desk over a day', nights, '2026-03-04T12:00:00Z', '2026-03-05T12:00:00Z', 8 * HOUR],
    ['night desk on the US spring-forward night (7–8 March 2026) works 7 real hours', nights, '2026-03-07T12:00:00Z', '2026-03-08T12:00:00Z', 7 * HOUR],
  ])('%s', (_name, cal, a, b, expected) => {
    expect(cal.workingMs(t(a), t(b))).toBe(expected);
  });
});

describe('business calendar: boundaries', () => {
  it.each([
    ['inside hours: closing time', london, '2026-03-06T17:50:00Z', '2026-03-06T18:00:00Z'],
    ['weekend: Monday opening', london, '2026-03-07T12:00:00Z', '2026-03-09T08:00:00Z'],
    ['at opening exactly: that day’s closing', london, '2026-03-09T08:00:00Z', '2026-03-09T18:00:00Z'],
    ['at closing exactly: next opening', london, '2026-03-09T18:00:00Z', '2026-03-10T08:00:00Z'],
    ['spring DST Monday opening in UTC', london, '2026-03-28T12:00:00Z', '2026-03-30T07:00:00Z'],
    ['night desk windows merge across midnight', nights, '2026-03-04T03:30:00Z', '2026-03-04T11:00:00Z'],
    ['24/7 has none', ALWAYS, '2026-03-04T10:00:00Z', null],
  ])('%s', (_name, cal, from, expected) => {
    const b = cal.nextBoundary(t(from));
    expectTime(b === Infinity ? null : b, expected);
  });

  it('working windows are [opening, closing)', () => {
    expect(london.isWorking(t('2026-03-09T08:00:00Z'))).toBe(true);
    expect(london.isWorking(t('2026-03-09T07:59:59.999Z'))).toBe(false);
    expect(london.isWorking(t('2026-03-09T17:59:59.999Z'))).toBe(true);
    expect(london.isWorking(t('2026-03-09T18:00:00Z'))).toBe(false);
    expect(londonHolidays.isWorking(t('2026-04-03T10:00:00Z'))).toBe(false);
  });

  it('a calendar that never works again gives Infinity, not a hang', () => {
    const never = workCalendar(CalendarSchema.parse({ kind: 'business', timeZone: 'UTC', hours: [{ days: ['mon'], start: '09:00', end: '10:00' }], holidays: [] }));
    expect(never.addWorking(t('2026-03-02T09:00:00Z'), 90 * MINUTE)).toBe(t('2026-03-09T09:30:00Z'));
    const holidaysForever = workCalendar(
      CalendarSchema.parse({ kind: 'business', timeZone: 'UTC', hours: [{ days: ['mon'], start: '09:00', end: '10:00' }], holidays: Array.from({ length: 200 }, (_, i) => new Date(t('2026-03-02T00:00:00Z') + i * 7 * 24 * HOUR).toISOString().slice(0, 10)) }),
    );
    expect(holidaysForever.addWorking(t('2026-03-02T00:00:00Z'), MINUTE)).toBe(Infinity);
    expect(holidaysForever.nextBoundary(t('2026-03-02T00:00:00Z'))).toBe(Infinity);
  });
});

describe('business calendar agrees with a minute-by-minute wall-clock oracle', () => {
  const ranges = [
    ['March DST (London and New York)', t('2026-03-05T00:00:00Z')],
    ['March DST', t('2026-03-25T00:00:00Z')],
    ['October DST', t('2026-10-22T00:00:00Z')],
    ['Easter', t('2026-04-01T00:00:00Z')],
  ] as const;
  for (const [name, base] of ranges) {
    it(`${name}: workingMs, isWorking and addWorking`, () => {
      for (const def of [{ ...LONDON_9_TO_6, holidays: UK_BANK_HOLIDAYS_2026_2027 }, NIGHTS]) {
        const cal = workCalendar(def);
        fc.assert(
          fc.property(fc.integer({ min: 0, max: 6 * 24 * 60 }), fc.integer({ min: 0, max: 3 * 24 * 60 }), (startMin, lenMin) => {
            const a = base + startMin * MINUTE;
            const b = a + lenMin * MINUTE;
            const worked = bruteWorkingMs(def, a, b);
            expect(cal.workingMs(a, b)).toBe(worked);
            expect(cal.isWorking(a)).toBe(bruteIsWorking(def, a));
            if (worked > 0) {
              // The due moment of exactly that much work is no later than b and is minimal.
              const due = cal.addWorking(a, worked);
              expect(due).toBeLessThanOrEqual(b);
              expect(cal.workingMs(a, due)).toBe(worked);
              expect(bruteIsWorking(def, due - MINUTE)).toBe(true);
            }
          }),
          { numRuns: 15, seed: 20260329 },
        );
      }
    });
  }
});

describe('calendar schema', () => {
  it.each([
    ['unknown time zone', { kind: 'business', timeZone: 'Mars/Olympus', hours: [{ days: ['mon'], start: '08:00', end: '18:00' }] }],
    ['end before start', { kind: 'business', timeZone: 'Europe/London', hours: [{ days: ['mon'], start: '18:00', end: '08:00' }] }],
    ['bad time', { kind: 'business', timeZone: 'Europe/London', hours: [{ days: ['mon'], start: '8am', end: '18:00' }] }],
    ['no hours', { kind: 'business', timeZone: 'Europe/London', hours: [] }],
    ['bad holiday', { kind: 'business', timeZone: 'Europe/London', hours: [{ days: ['mon'], start: '08:00', end: '18:00' }], holidays: ['25/12/2026'] }],
  ])('refuses %s', (_name, def) => {
    expect(CalendarSchema.safeParse(def).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { computeClocks, nearestClock, slaRisk, type SlaClock } from '../../shared/sla/clocks';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { describeClock } from '../../shared/sla/describe';
import type { SlaTarget } from '../../shared/sla/policy';
import { expectTime, HOUR, incident, LONDON_9_TO_6, MINUTE, policy, t, type IncidentBuilder } from './sla-helpers';

/** Monday 2 March 2026, 09:00 UTC (= London time). */
const T0 = t('2026-03-02T09:00:00Z');
const m = (minutes: number): number => T0 + minutes * MINUTE;
const P = DEFAULT_SLA_POLICY;

function clock(b: IncidentBuilder, target: SlaTarget, now: number, pol = P): SlaClock {
  return computeClocks(b.state(), pol, now).find((c) => c.target === target)!;
}

/** A compact view of a clock for table assertions. */
function view(c: SlaClock) {
  return { state: c.state, warningLevel: c.warningLevel, elapsedMin: c.elapsedMs / MINUTE, remainingMin: c.remainingMs / MINUTE };
}

describe('24/7 clocks of a P1 that nobody touches', () => {
  const b = incident(T0, 'P1');
  it.each([
    [0, 'acknowledge', 'running', 0, 5],
    [3.75, 'acknowledge', 'warning', 75, 1.25],
    [4.5, 'acknowledge', 'warning', 90, 0.5],
    [5, 'acknowledge', 'breached', 100, 0],
    [17, 'acknowledge', 'breached', 100, -12],
    [10, 'firstUpdate', 'running', 0, 5],
    [11.25, 'firstUpdate', 'warning', 75, 3.75],
    [15, 'firstUpdate', 'breached', 100, 0],
    [60, 'update', 'not_applicable', 0, 0], // the cadence starts with the first update
    [90, 'mitigate', 'warning', 75, 30],
    [120, 'mitigate', 'breached', 100, 0],
    [179, 'resolve', 'running', 0, 61],
    [180, 'resolve', 'warning', 75, 60],
    [216, 'resolve', 'warning', 90, 24],
    [240, 'resolve', 'breached', 100, 0],
  ] as Array<[number, SlaTarget, string, number, number]>)('at +%s min %s is %s (level %s, %s min left)', (at, target, state, level, remaining) => {
    const c = clock(b, target, m(at));
    expect({ state: c.state, warningLevel: c.warningLevel, remainingMin: c.remainingMs / MINUTE }).toEqual({ state, warningLevel: level, remainingMin: remaining });
  });

  it('reports start, due and breach instants', () => {
    const c = clock(b, 'acknowledge', m(17));
    expectTime(c.startedAt, '2026-03-02T09:00:00Z');
    expectTime(c.dueAt, '2026-03-02T09:05:00Z');
    expectTime(c.breachedAt, '2026-03-02T09:05:00Z');
    expect(c.metAt).toBeNull();
    expect(c.targetMs).toBe(5 * MINUTE);
    expect(c.elapsedMs).toBe(17 * MINUTE);
    const r = clock(b, 'resolve', m(100));
    expectTime(r.dueAt, '2026-03-02T13:00:00Z');
    expect(r.breachedAt).toBeNull();
  });

  it('computes all five clocks in display order, with labels', () => {
    expect(computeClocks(b.state(), P, m(1)).map((c) => [c.target, c.label])).toEqual([
      ['acknowledge', 'acknowledge'],
      ['firstUpdate', 'first update'],
      ['update', 'update'],
      ['mitigate', 'mitigation'],
      ['resolve', 'resolution'],
    ]);
  });
});

describe('clocks stop at their milestones', () => {
  const b = incident(T0, 'P1')
    .to('acknowledged', m(3))
    .to('investigating', m(4))
    .update(m(10))
    .to('mitigated', m(70))
    .to('monitoring', m(80))
    .to('resolved', m(150));

  it.each([
    ['acknowledge', 'met', '2026-03-02T09:03:00Z', 3],
    ['firstUpdate', 'met', '2026-03-02T09:10:00Z', 10],
    ['mitigate', 'met', '2026-03-02T10:10:00Z', 70],
    ['resolve', 'met', '2026-03-02T11:30:00Z', 150],
  ] as const)('%s %s at %s', (target, state, metAt, elapsed) => {
    const c = clock(b, target, m(300));
    expect(c.state).toBe(state);
    expectTime(c.metAt, metAt);
    expect(c.elapsedMs).toBe(elapsed * MINUTE);
  });

  it('once resolved the cadence has nothing due, unless it breached before', () => {
    expect(clock(b, 'update', m(300)).state).toBe('breached'); // no update between 09:10 and 11:30
    const kept = incident(T0, 'P1').to('investigating', m(1)).update(m(10)).update(m(35)).to('resolved', m(50));
    expect(clock(kept, 'update', m(300)).state).toBe('not_applicable');
  });

  it('a clock stopped after its target is breached and met late', () => {
    const late = incident(T0, 'P1').to('acknowledged', m(7));
    const c = clock(late, 'acknowledge', m(30));
    expect(c.state).toBe('breached');
    expectTime(c.breachedAt, '2026-03-02T09:05:00Z');
    expectTime(c.metAt, '2026-03-02T09:07:00Z');
    expect(describeClock(c, m(30))).toBe('acknowledge met 2 min late');
  });

  it('going straight to Investigating acknowledges; a corrected milestone wins', () => {
    const direct = incident(T0, 'P1').to('investigating', m(2));
    expectTime(clock(direct, 'acknowledge', m(10)).metAt, '2026-03-02T09:02:00Z');
    direct.milestone('acknowledged', m(1), m(12));
    expectTime(clock(direct, 'acknowledge', m(15)).metAt, '2026-03-02T09:01:00Z');
  });

  it('resolving without a mitigated milestone meets mitigation at resolution', () => {
    const b2 = incident(T0, 'P2').to('investigating', m(2)).to('resolved', m(90));
    expectTime(clock(b2, 'mitigate', m(100)).metAt, '2026-03-02T10:30:00Z');
  });

  it('mitigation and resolution run from impactStarted when recorded', () => {
    const b2 = incident(T0, 'P1').milestone('impactStarted', m(-30), m(1));
    expect(view(clock(b2, 'mitigate', m(60)))).toEqual({ state: 'warning', warningLevel: 75, elapsedMin: 90, remainingMin: 30 });
    expect(clock(b2, 'acknowledge', m(2)).elapsedMs).toBe(2 * MINUTE); // acknowledge still runs from creation
  });

  it('a backdated stakeholder update counts from when it happened; corrections do not count', () => {
    const b2 = incident(T0, 'P1').update(m(20), m(12));
    expectTime(clock(b2, 'firstUpdate', m(25)).metAt, '2026-03-02T09:12:00Z');
    const b3 = incident(T0, 'P1').entry(m(5), 'note');
    expect(clock(b3, 'firstUpdate', m(6)).state).toBe('running');
  });

  it('every clock of a cancelled incident is not applicable', () => {
    const c = incident(T0, 'P1').to('cancelled', m(20), 'Raised in error');
    expect(computeClocks(c.state(), P, m(30)).map((x) => x.state)).toEqual(Array(5).fill('not_applicable'));
  });
});

describe('update cadence', () => {
  const b = incident(T0, 'P1').to('investigating', m(1)).update(m(10)).update(m(35));

  it.each([
    [9, 'not_applicable', null, null],
    [10, 'running', '2026-03-02T09:10:00Z', '2026-03-02T09:40:00Z'],
    [32.5, 'warning', '2026-03-02T09:10:00Z', '2026-03-02T09:40:00Z'], // 75% of 30 min after 09:10
    [35, 'running', '2026-03-02T09:35:00Z', '2026-03-02T10:05:00Z'], // reset by the update
    [65, 'breached', '2026-03-02T09:35:00Z', '2026-03-02T10:05:00Z'],
  ] as const)('at +%s min: %s (cycle from %s, due %s)', (at, state, startedAt, dueAt) => {
    const c = clock(b, 'update', m(at));
    expect(c.state).toBe(state);
    expectTime(c.startedAt, startedAt);
    expectTime(c.dueAt, dueAt);
  });

  it('numbers cycles by seconds from creation, so keys do not shift', () => {
    expect(clock(b, 'update', m(12)).cycle).toBe(600);
    expect(clock(b, 'update', m(40)).cycle).toBe(2100);
  });

  it('without a first-update target the cadence runs from creation', () => {
    const noFirst = policy({ priorities: { P1: { update: { minutes: 30 } } } });
    const c = clock(incident(T0, 'P1'), 'update', m(20), noFirst);
    expect(c.state).toBe('running');
    expect(c.cycle).toBe(0);
    expectTime(c.dueAt, '2026-03-02T09:30:00Z');
  });

  it('a Reopen starts a new cycle', () => {
    const r = incident(T0, 'P1').to('investigating', m(1)).update(m(10)).to('resolved', m(20)).to('investigating', m(100), 'Came back');
    const c = clock(r, 'update', m(110));
    expectTime(c.startedAt, '2026-03-02T10:40:00Z');
    expect(c.remainingMs).toBe(20 * MINUTE);
  });
});

describe('pauses', () => {
  // Investigating at +2, on hold from +30 to +90.
  const b = incident(T0, 'P1').to('investigating', m(2)).update(m(5)).to('on_hold', m(30), 'Waiting for the carrier').to('investigating', m(90));

  it.each([
    [60, 'resolve', 'paused', 30, 'status'],
    [60, 'mitigate', 'paused', 30, 'status'],
    [120, 'resolve', 'running', 60, null],
    [120, 'mitigate', 'running', 60, null],
  ] as const)('at +%s min %s is %s after %s counted minutes', (at, target, state, elapsed, pausedBy) => {
    const c = clock(b, target, m(at));
    expect([c.state, c.elapsedMs / MINUTE, c.pausedBy]).toEqual([state, elapsed, pausedBy]);
  });

  it('while on hold the due moment assumes work resumes now', () => {
    expectTime(clock(b, 'resolve', m(60)).dueAt, '2026-03-02T13:30:00Z'); // 60 + 210 min left
    expectTime(clock(b, 'resolve', m(120)).dueAt, '2026-03-02T14:00:00Z'); // 4 h + the 60 min on hold
  });

  it('on hold does not pause the cadence by default', () => {
    expect(clock(b, 'update', m(40)).state).toBe('breached');
  });

  it('which statuses pause is configurable per target', () => {
    const pol = policy({ priorities: { P1: { update: { minutes: 30, pauseIn: ['on_hold'] }, resolve: { minutes: 240, pauseIn: [] } } } });
    expect(view(clock(b, 'update', m(60), pol))).toEqual({ state: 'paused', warningLevel: 75, elapsedMin: 25, remainingMin: 5 });
    expect(clock(b, 'resolve', m(60), pol).elapsedMs).toBe(60 * MINUTE);
  });
});

describe('reopen', () => {
  const b = incident(T0, 'P1').to('investigating', m(2)).update(m(5)).to('resolved', m(60)).to('investigating', m(100), 'Errors are back');

  it('the resolution clock resumes; time while resolved does not count', () => {
    const before = clock(incident(T0, 'P1').to('investigating', m(2)).to('resolved', m(60)), 'resolve', m(80));
    expect([before.state, before.elapsedMs / MINUTE]).toEqual(['met', 60]);
    const after = clock(b, 'resolve', m(120));
    expect([after.state, after.elapsedMs / MINUTE, after.metAt]).toEqual(['running', 80, null]);
    expectTime(after.dueAt, '2026-03-02T13:40:00Z');
  });

  it('a second resolution stops it again at the latest resolution', () => {
    b.to('resolved', m(130));
    const c = clock(b, 'resolve', m(200));
    expect([c.state, c.elapsedMs / MINUTE]).toEqual(['met', 90]);
    expectTime(c.metAt, '2026-03-02T11:10:00Z');
  });
});

describe('business-hours clocks (P3 on London office hours)', () => {
  // Friday 6 March 2026, 17:50 London.
  const fri = t('2026-03-06T17:50:00Z');
  const b = incident(fri, 'P3', 'INC-2026-TEST-3');

  it.each([
    ['2026-03-06T17:55:00Z', 'running', 5, null, '2026-03-09T08:50:00Z'],
    ['2026-03-06T18:30:00Z', 'paused', 10, 'calendar', '2026-03-09T08:50:00Z'],
    ['2026-03-08T12:00:00Z', 'paused', 10, 'calendar', '2026-03-09T08:50:00Z'],
    ['2026-03-09T08:40:00Z', 'warning', 50, null, '2026-03-09T08:50:00Z'],
    ['2026-03-09T08:50:00Z', 'breached', 60, null, '2026-03-09T08:50:00Z'],
  ] as const)('at %s acknowledge is %s with %s business minutes counted', (now, state, elapsed, pausedBy, due) => {
    const c = clock(b, 'acknowledge', t(now));
    expect([c.state, c.elapsedMs / MINUTE, c.pausedBy]).toEqual([state, elapsed, pausedBy]);
    expectTime(c.dueAt, due);
  });

  it('a paused clock keeps its warning level', () => {
    const c = clock(b, 'firstUpdate', t('2026-03-09T18:30:00Z')); // 10 + 600 min counted of 120 → breached Monday
    expect(c.state).toBe('breached');
    expectTime(c.breachedAt, '2026-03-09T09:50:00Z');
    const w = clock(incident(t('2026-03-06T17:06:00Z'), 'P3'), 'acknowledge', t('2026-03-07T10:00:00Z'));
    expect([w.state, w.warningLevel, w.pausedBy]).toEqual(['paused', 90, 'calendar']);
  });

  it('counts real hours over the spring DST weekend', () => {
    const dst = incident(t('2026-03-27T17:00:00Z'), 'P3', 'INC-2026-TEST-4'); // Friday 17:00 GMT
    const c = clock(dst, 'firstUpdate', t('2026-03-30T07:30:00Z')); // Monday 08:30 BST
    expect(c.elapsedMs).toBe(90 * MINUTE);
    expectTime(c.dueAt, '2026-03-30T08:00:00Z'); // 09:00 BST
  });

  it('skips holidays', () => {
    const pol = policy({ calendars: { office: { ...LONDON_9_TO_6, holidays: ['2026-04-03', '2026-04-06'] } }, priorities: { P3: { acknowledge: { minutes: 60, calendar: 'office' } } } });
    const c = clock(incident(t('2026-04-02T16:30:00Z'), 'P3'), 'acknowledge', t('2026-04-06T12:00:00Z'), pol);
    expect([c.state, c.elapsedMs / MINUTE]).toEqual(['paused', 30]);
    expectTime(c.dueAt, '2026-04-07T07:30:00Z');
  });
});

describe('priority changes mid-incident', () => {
  it('a running clock follows the new priority, measured from its start', () => {
    const up = incident(T0, 'P3').priority('P1', m(30));
    const c = clock(up, 'acknowledge', m(31));
    expect([c.priority, c.state, c.targetMs / MINUTE]).toEqual(['P1', 'breached', 5]);
    expectTime(c.breachedAt, '2026-03-02T09:05:00Z');
  });

  it('a downgrade gives a running clock the longer target and the new calendar', () => {
    const down = incident(t('2026-03-06T17:30:00Z'), 'P1').priority('P3', t('2026-03-06T17:33:00Z'));
    const c = clock(down, 'acknowledge', t('2026-03-06T19:00:00Z'));
    expect([c.priority, c.state, c.elapsedMs / MINUTE, c.pausedBy]).toEqual(['P3', 'paused', 30, 'calendar']);
    expectTime(c.dueAt, '2026-03-09T08:30:00Z');
  });

  it('a clock that already stopped keeps the outcome under the priority it stopped with', () => {
    const b = incident(T0, 'P3').to('acknowledged', m(10)).priority('P1', m(30));
    const c = clock(b, 'acknowledge', m(31));
    expect([c.priority, c.state, c.targetMs / MINUTE]).toEqual(['P3', 'met', 60]);
  });

  it('a priority without a target for a clock makes it not applicable', () => {
    expect(clock(incident(T0, 'P5'), 'update', m(10)).state).toBe('not_applicable');
  });
});

describe('warning thresholds', () => {
  it('per target override', () => {
    const pol = policy({ warnAt: [75, 90], priorities: { P1: { acknowledge: { minutes: 10, warnAt: [50] } } } });
    const b = incident(T0, 'P1');
    expect([clock(b, 'acknowledge', m(4.99), pol).warningLevel, clock(b, 'acknowledge', m(5), pol).warningLevel, clock(b, 'acknowledge', m(9.5), pol).warningLevel]).toEqual([0, 50, 50]);
  });

  it('reports when the level was reached', () => {
    expectTime(clock(incident(T0, 'P1'), 'resolve', m(230)).warnedAt, '2026-03-02T12:36:00Z');
  });
});

describe('describeClock', () => {
  const now = m(20);
  const base = clock(incident(T0, 'P1'), 'acknowledge', now);
  it.each([
    [{ label: 'update', state: 'running', dueAt: now + 4 * MINUTE }, 'update due in 4 min'],
    [{ label: 'update', state: 'warning', dueAt: now + 3 * MINUTE + 10_000 }, 'update due in 4 min'],
    [{ label: 'resolution', state: 'running', dueAt: now + 2 * HOUR + 5 * MINUTE }, 'resolution due in 2 h 5 min'],
    [{ label: 'resolution', state: 'running', dueAt: now + 50 * HOUR }, 'resolution due in 2 d 2 h'],
    [{ label: 'update', state: 'running', dueAt: now }, 'update due now'],
    [{ label: 'resolution', state: 'breached', breachedAt: now - 12 * MINUTE, metAt: null }, 'resolution breached 12 min ago'],
    [{ label: 'resolution', state: 'breached', breachedAt: now - 20_000, metAt: null }, 'resolution breached just now'],
    [{ label: 'acknowledge', state: 'met' }, 'acknowledge met'],
    [{ label: 'acknowledge', state: 'breached', metAt: now, remainingMs: -2 * MINUTE }, 'acknowledge met 2 min late'],
    [{ label: 'acknowledge', state: 'paused', pausedBy: 'calendar', remainingMs: 50 * MINUTE }, 'acknowledge paused outside business hours, 50 min left'],
    [{ label: 'mitigation', state: 'paused', pausedBy: 'status', remainingMs: 90 * MINUTE }, 'mitigation paused, 1 h 30 min left'],
    [{ label: 'update', state: 'not_applicable' }, 'update not applicable'],
  ] as Array<[Partial<SlaClock>, string]>)('%o → %s', (patch, text) => {
    expect(describeClock({ ...base, ...patch }, now)).toBe(text);
  });
});

describe('nearestClock and slaRisk', () => {
  it('shows the breached clock first, the most overdue of them', () => {
    const clocks = computeClocks(incident(T0, 'P1').state(), P, m(20));
    expect(nearestClock(clocks)?.target).toBe('acknowledge'); // breached 09:05, first update 09:15
  });

  it('else the running clock with the least time left', () => {
    const b = incident(T0, 'P1').to('investigating', m(1)).update(m(2));
    expect(nearestClock(computeClocks(b.state(), P, m(10)))?.target).toBe('update'); // due 09:32 vs mitigation 11:00
  });

  it('prefers a running clock to a paused one, and is undefined when nothing runs', () => {
    const b = incident(T0, 'P1').to('investigating', m(1)).update(m(2)).to('on_hold', m(3), 'Waiting');
    expect(nearestClock(computeClocks(b.state(), P, m(10)))?.target).toBe('update');
    const done = incident(T0, 'P1').to('investigating', m(1)).update(m(2)).to('resolved', m(3));
    expect(nearestClock(computeClocks(done.state(), P, m(10)))).toBeUndefined();
    expect(slaRisk(computeClocks(done.state(), P, m(10)))).toBeUndefined();
  });

  it('risk is the largest share of a target used', () => {
    expect(slaRisk(computeClocks(incident(T0, 'P1').state(), P, m(2.5)))).toBe(0.5);
  });
});

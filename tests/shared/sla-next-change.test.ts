import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../shared/domain/incident';
import { computeClocks, nextChangeAt } from '../../shared/sla/clocks';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import type { SlaPolicy } from '../../shared/sla/policy';
import { incident, iso, MINUTE, policy, t } from './sla-helpers';

const T0 = t('2026-03-02T09:00:00Z');
const m = (minutes: number): number => T0 + minutes * MINUTE;
const P = DEFAULT_SLA_POLICY;

/** What a person sees change: each clock's state and warning level. */
function signature(s: IncidentState, pol: SlaPolicy, now: number): string {
  return computeClocks(s, pol, now)
    .map((c) => `${c.target}:${c.state}:${c.warningLevel}`)
    .join(' ');
}

/** The moments a scheduler that sleeps until nextChangeAt wakes at, from `from` up to `until`. */
function wakes(s: IncidentState, pol: SlaPolicy, from: number, until: number): number[] {
  const out: number[] = [];
  for (let now: number | null = nextChangeAt(s, pol, from); now !== null && now <= until; now = nextChangeAt(s, pol, now)) out.push(now);
  return out;
}

/** The moments a poller every `step` ms sees the signature change. */
function polledChanges(s: IncidentState, pol: SlaPolicy, from: number, until: number, step: number): number[] {
  const out: number[] = [];
  let last = signature(s, pol, from);
  for (let now = from + step; now <= until; now += step) {
    const sig = signature(s, pol, now);
    if (sig !== last) out.push(now);
    last = sig;
  }
  return out;
}

describe('nextChangeAt: exactly the warning, breach and boundary moments', () => {
  it('a P1 nobody touches (24/7): thresholds of every clock in order, then nothing', () => {
    const s = incident(T0, 'P1').state();
    expect(wakes(s, P, T0, m(24 * 60)).map((x) => (x - T0) / MINUTE)).toEqual([3.75, 4.5, 5, 11.25, 13.5, 15, 90, 108, 120, 180, 216, 240]);
    expect(nextChangeAt(s, P, m(240))).toBeNull();
  });

  it('just before a moment the old state shows, at the moment the new one', () => {
    const s = incident(T0, 'P1').state();
    for (const at of wakes(s, P, T0, m(300))) expect(signature(s, P, at - 1)).not.toBe(signature(s, P, at));
  });

  it.each([
    ['Friday 17:50: closing time', '2026-03-06T17:50:00Z', '2026-03-06T18:00:00Z'],
    ['Friday 18:00: Monday opening', '2026-03-06T18:00:00Z', '2026-03-09T08:00:00Z'],
    ['Sunday: Monday opening', '2026-03-08T12:00:00Z', '2026-03-09T08:00:00Z'],
    ['Monday 08:00: acknowledge 75% (45 of 60 business min)', '2026-03-09T08:00:00Z', '2026-03-09T08:35:00Z'],
    ['then 90%', '2026-03-09T08:35:00Z', '2026-03-09T08:44:00Z'],
    ['then the breach: Monday 08:50', '2026-03-09T08:44:00Z', '2026-03-09T08:50:00Z'],
    ['then first update 75% (90 of 120)', '2026-03-09T08:50:00Z', '2026-03-09T09:20:00Z'],
  ])('P3 raised Friday 17:50 London, at %s', (_name, now, expected) => {
    const s = incident(t('2026-03-06T17:50:00Z'), 'P3').state();
    expect(iso(nextChangeAt(s, P, t(now))!)).toBe(iso(t(expected)));
  });

  it('a clock paused by status alone wakes nobody; nor does a resolved incident', () => {
    const onlyResolve = policy({ priorities: { P1: { resolve: { minutes: 240 } } } });
    const held = incident(T0, 'P1').to('investigating', m(1)).to('on_hold', m(2), 'Waiting for the carrier').state();
    expect(nextChangeAt(held, onlyResolve, m(3))).toBeNull();
    const done = incident(T0, 'P1').to('investigating', m(1)).update(m(2)).to('resolved', m(3)).state();
    expect(nextChangeAt(done, P, m(4))).toBeNull();
  });

  it('a status update moves the next cadence moment', () => {
    const b = incident(T0, 'P1').to('acknowledged', m(1)).to('investigating', m(2)).update(m(10));
    expect((nextChangeAt(b.state(), P, m(20))! - T0) / MINUTE).toBe(32.5); // 75% of 30 min after 09:10
    b.update(m(25));
    expect((nextChangeAt(b.state(), P, m(26))! - T0) / MINUTE).toBe(47.5);
  });
});

describe('a scheduler sleeping until nextChangeAt sees every change a poller sees', () => {
  it('24/7 P1 with cadence, hold and reopen, polled every second for 5 hours', () => {
    const s = incident(T0, 'P1')
      .to('acknowledged', m(2))
      .to('investigating', m(3))
      .update(m(10))
      .update(m(38))
      .to('on_hold', m(50), 'Waiting for the carrier')
      .to('investigating', m(80))
      .update(m(81))
      .to('resolved', m(100))
      .to('investigating', m(130), 'Errors are back')
      .state();
    const from = m(131);
    const until = m(5 * 60);
    expect(wakes(s, P, from, until)).toEqual(polledChanges(s, P, from, until, 1000));
  });

  it('P3 on business hours from Friday 17:50 to Thursday, over a DST-free week, polled every minute', () => {
    const s = incident(t('2026-03-06T17:50:00Z'), 'P3').state();
    const from = t('2026-03-06T17:50:00Z');
    const until = t('2026-03-12T20:00:00Z');
    const w = wakes(s, P, from, until);
    expect(w).toEqual(polledChanges(s, P, from, until, MINUTE));
    expect(w.length).toBeGreaterThan(10);
  });

  it('P4 across the October DST weekend, polled every minute', () => {
    const s = incident(t('2026-10-23T15:00:00Z'), 'P4').state();
    const from = t('2026-10-23T15:00:00Z');
    const until = t('2026-10-28T18:00:00Z');
    expect(wakes(s, P, from, until)).toEqual(polledChanges(s, P, from, until, MINUTE));
  });
});

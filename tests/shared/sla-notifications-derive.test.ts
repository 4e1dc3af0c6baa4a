import { describe, expect, it } from 'vitest';
import { DEFAULT_UPDATE_TEMPLATES, fillTemplate, updateText } from '../../shared/comms/templates';
import { notificationsOf } from '../../shared/notifications/derive';
import { isFor } from '../../shared/notifications/model';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { dueBreaches, dueWarnings } from '../../shared/sla/due';
import { dueEscalations } from '../../shared/sla/escalation';
import { computeSnapshot, riskAt, slaSnapshot, updateClock } from '../../shared/sla/snapshot';
import { incident, MINUTE, t } from './sla-helpers';

const T0 = t('2026-03-02T10:00:00Z');

describe('notifications derived from the timeline', () => {
  it('names each SLA event, escalation, new P1 and assignment, with the deterministic ids', () => {
    const b = incident(T0, 'P3', 'INC-2026-AAAAAA-7');
    b.run(T0 + MINUTE, { type: 'assignRole', role: 'coordinator', person: 'Ben Okafor' });
    b.run(T0 + 2 * MINUTE, { type: 'joinResponder', person: 'Test operator', team: 'Ops' }); // the actor themself: nothing
    b.run(T0 + 3 * MINUTE, { type: 'addTask', title: 'Call the vendor', owner: 'Chen Li', checklist: [] });
    b.priority('P1', T0 + 4 * MINUTE);
    const now = T0 + 40 * MINUTE;
    for (const e of [...dueBreaches(b.state(), DEFAULT_SLA_POLICY, now), ...dueEscalations(b.state(), DEFAULT_ESCALATION_POLICIES[0]!, now)]) b.record(e, now);
    const list = notificationsOf(b.state());
    expect(list.map((n) => [n.kind, n.title])).toEqual([
      ['assigned', 'INC-2026-AAAAAA-7: you are Incident coordinator'],
      ['assigned', 'INC-2026-AAAAAA-7: task “Call the vendor” is yours'],
      ['incident.p1', 'INC-2026-AAAAAA-7 raised to P1'],
      ['sla.breached', 'INC-2026-AAAAAA-7: acknowledge target breached'],
      ['sla.breached', 'INC-2026-AAAAAA-7: first-update target breached'],
      ['escalation.raised', 'INC-2026-AAAAAA-7 escalated to level 1 (On-call engineering)'],
      ['escalation.raised', 'INC-2026-AAAAAA-7 escalated to level 2 (Duty manager)'],
    ]);
    const breach = list.find((n) => n.kind === 'sla.breached')!;
    expect(breach).toMatchObject({ id: 'breach:INC-2026-AAAAAA-7:acknowledge:0', target: 'acknowledge', at: new Date(T0 + 5 * MINUTE).toISOString(), assignee: null });
    // The escalation's time is its due moment, not when a host got round to recording it.
    expect(list.find((n) => n.kind === 'escalation.raised')!.at).toBe(new Date(T0 + 15 * MINUTE).toISOString());
    const assigned = list.filter((n) => n.kind === 'assigned');
    expect(assigned.map((n) => isFor(n, 'ben okafor '))).toEqual([true, false]);
    expect(isFor(breach, 'anyone')).toBe(true);
  });

  it('a new P1 is one notification; a warning says how much of the target is used', () => {
    const b = incident(T0, 'P1', 'INC-2026-AAAAAA-8');
    for (const e of dueWarnings(b.state(), DEFAULT_SLA_POLICY, T0 + 4 * MINUTE)) b.record(e, T0 + 4 * MINUTE);
    expect(notificationsOf(b.state()).map((n) => n.title)).toEqual(['P1 incident INC-2026-AAAAAA-8', 'INC-2026-AAAAAA-8: acknowledge 75% used']);
  });
});

describe('SLA snapshot', () => {
  it('holds until the next change, then is computed again', () => {
    const s = incident(T0, 'P1').state();
    const a = slaSnapshot(s, T0 + MINUTE);
    expect(a.validUntil).toBe(T0 + 225_000);
    expect(slaSnapshot(s, T0 + 3 * MINUTE)).toBe(a); // same object: nothing changed state
    const b = slaSnapshot(s, T0 + 225_000);
    expect(b).not.toBe(a);
    expect(b.nearest).toMatchObject({ target: 'acknowledge', state: 'warning' });
    expect(slaSnapshot(s, T0)).not.toBe(b); // time went backwards: computed again
  });

  it('is not trusted before the incident\'s latest event (a viewer whose clock lags the host\'s)', () => {
    const b = incident(T0, 'P2');
    b.update(T0 + 10 * MINUTE);
    const s = b.state();
    const early = computeSnapshot(s, T0 + 10 * MINUTE - 500);
    expect(early.validUntil).toBe(T0 + 10 * MINUTE);
    expect(updateClock(computeSnapshot(s, T0 + 10 * MINUTE).clocks)).toMatchObject({ target: 'update', state: 'running', dueAt: T0 + 70 * MINUTE });
  });

  it('risk grows with time within a snapshot and past 1 once breached', () => {
    const s = incident(T0, 'P1').state();
    const snap = computeSnapshot(s, T0 + MINUTE);
    expect(riskAt(snap, T0 + MINUTE)).toBeCloseTo(0.2);
    expect(riskAt(snap, T0 + 2 * MINUTE)).toBeCloseTo(0.4);
    const late = computeSnapshot(s, T0 + 10 * MINUTE);
    expect(riskAt(late, T0 + 10 * MINUTE)).toBeCloseTo(2); // acknowledge: 5 min past a 5-minute target
    expect(late.escalation).toMatchObject({ level: 0, nextDueAt: T0 + 15 * MINUTE });
  });
});

describe('update templates', () => {
  it('fill the incident facts per audience and prefix the recorded text', () => {
    const s = incident(T0, 'P1').state();
    const text = fillTemplate(DEFAULT_UPDATE_TEMPLATES.customers.text, { ...s, services: ['Radio', 'CAD'] }, { next: '10:30', age: '5 min' });
    expect(text).toBe('We are aware of an issue affecting Radio, CAD and are working to resolve it. We will share another update by 10:30.');
    expect(fillTemplate('{id} {unknown} {status}', s, { next: '', age: '' })).toBe(`${s.id} {unknown} New`);
    expect(updateText('executive', '  Board briefed ')).toBe('[Executive] Board briefed');
    expect(updateText('internal', '[Internal] already prefixed')).toBe('[Internal] already prefixed');
  });
});

import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/commands';
import { foldIncident } from '../../shared/domain/reducer';
import { DEFAULT_ESCALATION_POLICIES } from '../../shared/sla/defaults';
import { dueEscalations, escalationState, lowerEscalation, manualEscalation } from '../../shared/sla/escalation';
import { escalationPolicyFor, EscalationPolicySchema, type EscalationPolicy, type EscalationPolicyInput } from '../../shared/sla/escalation-policy';
import { SlaEventPayloads } from '../../shared/sla/events';
import { IncidentBuilder, incident, LONDON_9_TO_6, MINUTE, t } from './sla-helpers';

const T0 = t('2026-03-02T09:00:00Z');
const m = (minutes: number): number => T0 + minutes * MINUTE;
const ID = 'INC-2026-TEST-1';

function escPolicy(input: Partial<EscalationPolicyInput> = {}): EscalationPolicy {
  return EscalationPolicySchema.parse({
    id: 'network',
    version: 1,
    effectiveFrom: '2026-01-01T00:00:00Z',
    levels: [
      { name: 'Network team', kind: 'functional', notify: [{ kind: 'team', name: 'Network' }], afterMinutes: 10 },
      { name: 'Duty manager', kind: 'hierarchical', notify: [{ kind: 'role', name: 'duty manager' }], afterMinutes: 20 },
      { name: 'Head of operations', kind: 'hierarchical', notify: [{ kind: 'person', name: 'Dana Whitfield' }], afterMinutes: 30 },
    ],
    repeat: 1,
    ...input,
  });
}
const E = escPolicy();

/** Records every due escalation the way a host would, at `at`. */
function recordDue(b: IncidentBuilder, pol: EscalationPolicy, at: number): string[] {
  const due = dueEscalations(b.state(), pol, at);
  for (const d of due) b.record(d, at);
  return due.map((d) => d.id);
}

describe('levels over time with nobody acknowledging', () => {
  const s = incident(T0, 'P1').state();
  it.each([
    [0, 0, 0, 10],
    [9.99, 0, 0, 10],
    [10, 1, 0, 30],
    [30, 2, 0, 60],
    [60, 3, 0, 70], // last level: the sequence repeats once
    [70, 1, 1, 90],
    [90, 2, 1, 120],
    [120, 3, 1, null], // repeat used up
    [600, 3, 1, null],
  ] as Array<[number, number, number, number | null]>)('at +%s min: level %s (round %s), next due at +%s', (at, level, round, next) => {
    const st = escalationState(s, E, m(at));
    expect([st.level, st.round, st.nextDueAt === null ? null : (st.nextDueAt - T0) / MINUTE]).toEqual([level, round, next]);
  });

  it('names the current level and who it brings in', () => {
    const st = escalationState(s, E, m(31));
    expect(st.current).toMatchObject({ name: 'Duty manager', kind: 'hierarchical', notify: [{ kind: 'role', name: 'duty manager' }] });
    expect(st.since).toBe(m(30));
    expect(st.next).toMatchObject({ level: 3, key: `esc:${ID}:3:0`, dueAt: m(60) });
  });
});

describe('dueEscalations: deterministic ids, each recorded once', () => {
  it('a host waking late gets every missed level with its due time', () => {
    const due = dueEscalations(incident(T0, 'P1').state(), E, m(65));
    expect(due.map((d) => [d.id, d.data.dueAt, d.data.level, d.data.round])).toEqual([
      [`esc:${ID}:1:0`, '2026-03-02T09:10:00.000Z', 1, 0],
      [`esc:${ID}:2:0`, '2026-03-02T09:30:00.000Z', 2, 0],
      [`esc:${ID}:3:0`, '2026-03-02T10:00:00.000Z', 3, 0],
    ]);
    for (const d of due) expect(SlaEventPayloads['escalation.raised'].safeParse(d.data).success).toBe(true);
    expect(due[0]!.data).toMatchObject({ automatic: true, kind: 'functional', notify: [{ kind: 'team', name: 'Network' }], policyId: 'network', policyVersion: 1 });
  });

  it('once recorded they are not due again, and late recording does not shift later levels', () => {
    const b = incident(T0, 'P1');
    expect(recordDue(b, E, m(65))).toHaveLength(3);
    expect(dueEscalations(b.state(), E, m(65))).toEqual([]);
    expect(dueEscalations(b.state(), E, m(69.9))).toEqual([]);
    expect(recordDue(b, E, m(70))).toEqual([`esc:${ID}:1:1`]); // 60 + 10, not 65 + 10
    expect(escalationState(b.state(), E, m(71)).steps.every((x) => x.recorded)).toBe(true);
  });

  it('two hosts sharing a store record the same escalation once', () => {
    const a = incident(T0, 'P1');
    const other = new IncidentBuilder(ID, 'writer-other');
    const dueA = dueEscalations(a.state(), E, m(12));
    const dueB = dueEscalations(a.state(), E, m(13));
    expect(dueA.map((d) => d.id)).toEqual(dueB.map((d) => d.id));
    a.record(dueA[0]!, m(12));
    other.record(dueB[0]!, m(13));
    const merged = foldIncident([...a.events, ...other.events])!;
    expect(merged.timeline.filter((e) => e.type === 'escalation.raised')).toHaveLength(1);
    expect(dueEscalations(merged, E, m(14))).toEqual([]);
  });

  it('a raise recorded twice under different envelope ids still counts once', () => {
    const a = incident(T0, 'P1');
    const [due] = dueEscalations(a.state(), E, m(12));
    a.record(due!, m(12)).record({ ...due!, id: 'evt-some-other-host-0001' }, m(13));
    const st = escalationState(a.state(), E, m(14));
    expect([st.level, st.nextDueAt, st.next?.key]).toEqual([1, m(30), `esc:${ID}:2:0`]);
    expect(dueEscalations(a.state(), E, m(31)).map((d) => d.id)).toEqual([`esc:${ID}:2:0`]);
  });
});

describe('acknowledgement and progress restart the wait', () => {
  it('a status change or stakeholder update resets the timer for the next level', () => {
    const b = incident(T0, 'P1').to('acknowledged', m(8));
    expect(escalationState(b.state(), E, m(9)).nextDueAt).toBe(m(18));
    b.update(m(15));
    expect(escalationState(b.state(), E, m(16)).nextDueAt).toBe(m(25));
    b.entry(m(20), 'note'); // a note is not progress under this policy
    expect(escalationState(b.state(), E, m(21)).nextDueAt).toBe(m(25));
    // Where only entries count, the acknowledgement did not stop level 1 at +10; the note restarts the wait for level 2.
    const notes = escPolicy({ progress: ['entry'] });
    expect(escalationState(b.state(), notes, m(21))).toMatchObject({ level: 1, nextDueAt: m(40) });
  });

  it('progress after a level stops the next one coming until the wait runs out again', () => {
    const b = incident(T0, 'P1');
    recordDue(b, E, m(10));
    b.to('investigating', m(25));
    const st = escalationState(b.state(), E, m(40));
    expect([st.level, st.nextDueAt]).toEqual([1, m(45)]);
  });

  it('on hold pauses the wait; a business calendar counts office hours only', () => {
    const held = incident(T0, 'P1').to('investigating', m(1)).to('on_hold', m(2), 'Waiting for the carrier');
    expect(escalationState(held.state(), E, m(100))).toMatchObject({ level: 0, paused: true, nextDueAt: null });
    held.to('investigating', m(100));
    expect(escalationState(held.state(), E, m(101)).nextDueAt).toBe(m(110));
    const office = escPolicy({ calendar: LONDON_9_TO_6 });
    const fri = incident(t('2026-03-06T17:55:00Z'), 'P1');
    expect(escalationState(fri.state(), office, t('2026-03-06T18:30:00Z'))).toMatchObject({ paused: true, nextDueAt: t('2026-03-09T08:05:00Z') });
  });

  it('until acknowledged: acknowledgement ends escalation', () => {
    const paging = escPolicy({ until: 'acknowledged' });
    const b = incident(T0, 'P1');
    expect(escalationState(b.state(), paging, m(12)).level).toBe(1);
    b.to('acknowledged', m(15));
    const st = escalationState(b.state(), paging, m(200));
    expect([st.level, st.active, st.nextDueAt]).toEqual([1, false, null]);
  });

  it('resolved or cancelled incidents do not escalate; a Reopen starts the wait again', () => {
    const b = incident(T0, 'P1').to('investigating', m(1)).to('resolved', m(5));
    expect(escalationState(b.state(), E, m(300))).toMatchObject({ level: 0, active: false, nextDueAt: null });
    expect(dueEscalations(b.state(), E, m(300))).toEqual([]);
    b.to('investigating', m(300), 'Errors are back');
    expect(escalationState(b.state(), E, m(301)).nextDueAt).toBe(m(310));
  });
});

describe('manual escalation and de-escalation', () => {
  it('raising by hand jumps levels and restarts the wait', () => {
    const b = incident(T0, 'P1');
    const ev = manualEscalation(b.state(), E, m(3), 2, 'Customer-facing payments down');
    expect(ev.data).toMatchObject({ level: 2, automatic: false, reason: 'Customer-facing payments down', name: 'Duty manager' });
    b.record(ev, m(3));
    const st = escalationState(b.state(), E, m(4));
    expect([st.level, st.nextDueAt, st.next?.key]).toEqual([2, m(33), `esc:${ID}:3:0`]);
  });

  it('refuses a manual raise without a reason or not above the current level', () => {
    const s = incident(T0, 'P1').state();
    expect(() => manualEscalation(s, E, m(12), 2, '  ')).toThrow(DomainError);
    expect(() => manualEscalation(s, E, m(12), 1, 'again')).toThrow(/already at level 1/);
    expect(() => manualEscalation(s, E, m(12), 4, 'too far')).toThrow(DomainError);
    expect(SlaEventPayloads['escalation.raised'].safeParse({ level: 1, automatic: false, policyId: 'p', policyVersion: 1, kind: 'functional' }).success).toBe(false);
  });

  it('de-escalation lowers the level; when it comes round again it gets a new id', () => {
    const b = incident(T0, 'P1');
    expect(recordDue(b, E, m(31))).toEqual([`esc:${ID}:1:0`, `esc:${ID}:2:0`]);
    b.record(lowerEscalation(b.state(), E, m(35), 0, 'Carrier confirmed the fix is rolling out'), m(35));
    const st = escalationState(b.state(), E, m(36));
    expect([st.level, st.nextDueAt, st.next?.key]).toEqual([0, m(45), `esc:${ID}:1:1`]);
    expect(recordDue(b, E, m(46))).toEqual([`esc:${ID}:1:1`]);
    expect(dueEscalations(b.state(), E, m(46))).toEqual([]);
    expect(() => lowerEscalation(b.state(), E, m(47), 1, 'no change')).toThrow(DomainError);
    expect(() => lowerEscalation(b.state(), E, m(47), 0, '')).toThrow(DomainError);
  });

  it('the history lists every step in order', () => {
    const b = incident(T0, 'P1');
    recordDue(b, E, m(31));
    b.record(lowerEscalation(b.state(), E, m(35), 1, 'Handled by the network team'), m(35));
    expect(escalationState(b.state(), E, m(56)).steps.map((x) => [x.direction, x.level, (x.at - T0) / MINUTE, x.recorded])).toEqual([
      ['raised', 1, 10, true],
      ['raised', 2, 30, true],
      ['lowered', 1, 35, true],
      ['raised', 2, 55, false],
    ]);
  });
});

describe('choosing the escalation policy', () => {
  const byService = escPolicy({ id: 'payments', match: { services: ['Payments'] } });
  const byCategory = escPolicy({ id: 'network', match: { categories: ['Network'] } });
  const major = escPolicy({ id: 'major', match: { priorities: ['P1'] } });
  const fallback = escPolicy({ id: 'default' });
  const later = escPolicy({ id: 'late', effectiveFrom: '2026-03-02T10:00:00Z', match: { services: ['Payments'], categories: ['Network'] } });
  const all = [fallback, major, byCategory, byService, later];

  it.each([
    ['service match wins', { category: 'Network', services: ['Payments'] }, 'P1', 'payments'],
    ['category next', { category: 'network', services: ['Email'] }, 'P1', 'network'],
    ['then priority', { category: 'Facilities', services: [] }, 'P1', 'major'],
    ['else the default', { category: 'Facilities', services: [] }, 'P3', 'default'],
  ] as const)('%s', (_name, fields, priority, expected) => {
    const s = new IncidentBuilder().create(T0, priority, { ...fields, services: [...fields.services] }).state();
    expect(escalationPolicyFor(s, all)?.id).toBe(expected);
  });

  it('a policy that came into force after the incident was created does not apply to it', () => {
    const before = new IncidentBuilder().create(T0, 'P1', { category: 'Network', services: ['Payments'] }).state();
    const after = new IncidentBuilder().create(m(61), 'P1', { category: 'Network', services: ['Payments'] }).state();
    expect(escalationPolicyFor(before, all)?.id).toBe('payments');
    expect(escalationPolicyFor(after, all)?.id).toBe('late');
    expect(escalationPolicyFor(before, [later])).toBeUndefined();
  });

  it('ships a P1/P2 policy and a business-hours default', () => {
    const p1 = incident(T0, 'P1').state();
    const p4 = incident(T0, 'P4').state();
    expect(escalationPolicyFor(p1, DEFAULT_ESCALATION_POLICIES)?.id).toBe('major');
    expect(escalationPolicyFor(p4, DEFAULT_ESCALATION_POLICIES)?.id).toBe('default');
    expect(escalationState(p1, DEFAULT_ESCALATION_POLICIES[0]!, m(15)).level).toBe(1);
  });
});

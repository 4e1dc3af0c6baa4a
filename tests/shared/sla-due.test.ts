import { describe, expect, it } from 'vitest';
import { foldIncident } from '../../shared/domain/reducer';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { dueBreaches, dueWarnings, nextWakeAt } from '../../shared/sla/due';
import { breachId, escalationId, SLA_EVENT_TYPES, SlaEventPayloads, warningId } from '../../shared/sla/events';
import { IncidentBuilder, incident, MINUTE, t } from './sla-helpers';

const T0 = t('2026-03-02T09:00:00Z');
const m = (minutes: number): number => T0 + minutes * MINUTE;
const P = DEFAULT_SLA_POLICY;
const ID = 'INC-2026-TEST-1';

describe('dueBreaches', () => {
  it('lists each breached target once, with its deterministic id', () => {
    const due = dueBreaches(incident(T0, 'P1').state(), P, m(20));
    expect(due.map((d) => [d.id, d.data.breachedAt, d.data.priority, d.data.targetMinutes])).toEqual([
      [`breach:${ID}:acknowledge:0`, '2026-03-02T09:05:00.000Z', 'P1', 5],
      [`breach:${ID}:firstUpdate:0`, '2026-03-02T09:15:00.000Z', 'P1', 15],
    ]);
    for (const d of due) expect(SlaEventPayloads['sla.breached'].safeParse(d.data).success).toBe(true);
  });

  it('nothing is due before the breach moment, and nothing once recorded', () => {
    const b = incident(T0, 'P1');
    expect(dueBreaches(b.state(), P, m(5) - 1)).toEqual([]);
    const due = dueBreaches(b.state(), P, m(5));
    expect(due.map((d) => d.id)).toEqual([`breach:${ID}:acknowledge:0`]);
    b.record(due[0]!, m(5));
    expect(dueBreaches(b.state(), P, m(6))).toEqual([]);
    expect(dueBreaches(b.state(), P, m(15)).map((d) => d.id)).toEqual([`breach:${ID}:firstUpdate:0`]);
  });

  it('a clock met late still gets its breach recorded (a host was asleep)', () => {
    const b = incident(T0, 'P1').to('acknowledged', m(7));
    expect(dueBreaches(b.state(), P, m(8)).map((d) => [d.id, d.data.breachedAt])).toEqual([[`breach:${ID}:acknowledge:0`, '2026-03-02T09:05:00.000Z']]);
  });

  it('every missed cadence cycle breaches once, keyed by its start', () => {
    // Updates at +10, +50 (the +10 cycle breached at +40), +60; then silence (breach at +90).
    const b = incident(T0, 'P1').to('investigating', m(1)).update(m(10)).update(m(50)).update(m(60));
    const due = dueBreaches(b.state(), P, m(100)).filter((d) => d.data.target === 'update');
    expect(due.map((d) => [d.id, d.data.breachedAt])).toEqual([
      [`breach:${ID}:update:600`, '2026-03-02T09:40:00.000Z'],
      [`breach:${ID}:update:3600`, '2026-03-02T10:30:00.000Z'],
    ]);
  });

  it('a late-arriving backdated update does not renumber other cycles', () => {
    const b = incident(T0, 'P1').to('investigating', m(1)).update(m(10)).update(m(60));
    const before = dueBreaches(b.state(), P, m(100)).map((d) => d.id);
    b.update(m(101), m(30)); // sent at +30, logged at +101
    const after = dueBreaches(b.state(), P, m(102)).map((d) => d.id);
    expect(before).toContain(`breach:${ID}:update:3600`);
    expect(after).toContain(`breach:${ID}:update:3600`);
    expect(after).not.toContain(`breach:${ID}:update:600`); // that cycle now ended at +30, in time
  });

  it('notBefore keeps old incidents from flooding the timeline', () => {
    const s = incident(T0, 'P1').state();
    expect(dueBreaches(s, P, m(300), { notBefore: m(100) }).map((d) => d.data.target)).toEqual(['mitigate', 'resolve']);
  });

  it('a breach recorded before a downgrade is not recorded again', () => {
    const b = incident(T0, 'P1');
    for (const d of dueBreaches(b.state(), P, m(6))) b.record(d, m(6));
    b.priority('P2', m(7));
    expect(dueBreaches(b.state(), P, m(20))).toEqual([]); // P2 first update: 30 min
    expect(dueBreaches(b.state(), P, m(30)).map((d) => d.id)).toEqual([`breach:${ID}:firstUpdate:0`]);
  });

  it('two hosts sharing a store record a breach once', () => {
    const a = incident(T0, 'P1');
    const other = new IncidentBuilder(ID, 'writer-other');
    for (const d of dueBreaches(a.state(), P, m(6))) a.record(d, m(6));
    for (const d of dueBreaches(foldIncident(a.events.slice(0, 1))!, P, m(6))) other.record(d, m(6));
    const merged = foldIncident([...a.events, ...other.events])!;
    expect(merged.timeline.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
  });

  it('a cancelled incident has no breaches due', () => {
    expect(dueBreaches(incident(T0, 'P1').to('cancelled', m(1), 'Raised in error').state(), P, m(300))).toEqual([]);
  });
});

describe('dueWarnings', () => {
  it('raises each level once per cycle, only the highest when catching up, none once breached', () => {
    const b = incident(T0, 'P1');
    expect(dueWarnings(b.state(), P, m(3.7))).toEqual([]);
    const w75 = dueWarnings(b.state(), P, m(3.75));
    expect(w75.map((d) => [d.id, d.data.at, d.data.dueAt])).toEqual([[`warn:${ID}:acknowledge:0:75`, '2026-03-02T09:03:45.000Z', '2026-03-02T09:05:00.000Z']]);
    expect(dueWarnings(b.state(), P, m(4.2))[0]!.data).toEqual(w75[0]!.data); // the same payload whenever a host looks
    expect(SlaEventPayloads['sla.warning'].safeParse(w75[0]!.data).success).toBe(true);
    b.record(w75[0]!, m(3.75));
    expect(dueWarnings(b.state(), P, m(4))).toEqual([]);
    expect(dueWarnings(b.state(), P, m(4.5)).map((d) => d.id)).toEqual([`warn:${ID}:acknowledge:0:90`]);
    expect(dueWarnings(incident(T0, 'P1').state(), P, m(4.6)).map((d) => d.data.level)).toEqual([90]);
    expect(dueWarnings(incident(T0, 'P1').state(), P, m(5)).map((d) => d.id)).toEqual([]);
  });
});

describe('ids and schemas', () => {
  it('ids are stable strings within the envelope id limit', () => {
    expect(breachId('INC-2026-K7Q2-14', 'update', 1800)).toBe('breach:INC-2026-K7Q2-14:update:1800');
    expect(warningId('INC-2026-K7Q2-14', 'resolve', 0, 90)).toBe('warn:INC-2026-K7Q2-14:resolve:0:90');
    expect(escalationId('INC-2026-K7Q2-14', 2, 0)).toBe('esc:INC-2026-K7Q2-14:2:0');
    const long = 'X'.repeat(40);
    expect(breachId(long, 'firstUpdate', 123456789).length).toBeLessThanOrEqual(64);
    expect(breachId(long, 'firstUpdate', 1)).toBe(breachId(long, 'firstUpdate', 1));
  });

  it('exports the four payload schemas for the event union', () => {
    expect(SLA_EVENT_TYPES).toEqual(['sla.warning', 'sla.breached', 'escalation.raised', 'escalation.lowered']);
    expect(SlaEventPayloads['escalation.lowered'].safeParse({ from: 2, to: 2, reason: 'x' }).success).toBe(false);
    expect(SlaEventPayloads['escalation.lowered'].safeParse({ from: 2, to: 0, reason: 'Resolved by the vendor' }).success).toBe(true);
  });
});

describe('nextWakeAt', () => {
  it('is the earlier of the next clock change and the next escalation', () => {
    const s = incident(T0, 'P1').to('acknowledged', m(1)).state();
    const major = DEFAULT_ESCALATION_POLICIES[0]!;
    expect(nextWakeAt(s, P, major, m(2))).toBe(m(11.25)); // first-update 75% before escalation at +16
    expect(nextWakeAt(s, undefined, major, m(2))).toBe(m(16));
    expect(nextWakeAt(s, undefined, undefined, m(2))).toBeNull();
  });
});

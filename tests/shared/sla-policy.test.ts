import { describe, expect, it } from 'vitest';
import { computeClocks } from '../../shared/sla/clocks';
import { BUSINESS_DAY, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { policyFor, SLA_TARGETS, SlaPolicySchema, type SlaPolicy } from '../../shared/sla/policy';
import { expectTime, incident, MINUTE, policy, t } from './sla-helpers';

const T0 = t('2026-03-02T09:00:00Z');
const m = (minutes: number): number => T0 + minutes * MINUTE;

describe('default policy', () => {
  it.each([
    ['P1', [5, 15, 30, 120, 240], '24x7'],
    ['P2', [15, 30, 60, 240, 480], '24x7'],
    ['P3', [60, 120, 240, BUSINESS_DAY, 3 * BUSINESS_DAY], 'london-office'],
    ['P4', [240, BUSINESS_DAY, BUSINESS_DAY, 3 * BUSINESS_DAY, 5 * BUSINESS_DAY], 'london-office'],
    ['P5', [BUSINESS_DAY, 2 * BUSINESS_DAY, null, 5 * BUSINESS_DAY, 10 * BUSINESS_DAY], 'london-office'],
  ] as const)('%s targets (minutes) and calendar', (p, minutes, calendar) => {
    const targets = DEFAULT_SLA_POLICY.priorities[p]!;
    expect(SLA_TARGETS.map((x) => targets[x]?.minutes ?? null)).toEqual(minutes);
    for (const x of SLA_TARGETS) if (targets[x]) expect(targets[x]!.calendar).toBe(calendar);
  });

  it('On hold pauses mitigation and resolution by default, nothing else', () => {
    const p1 = DEFAULT_SLA_POLICY.priorities.P1!;
    expect([p1.acknowledge!.pauseIn, p1.firstUpdate!.pauseIn, p1.update!.pauseIn, p1.mitigate!.pauseIn, p1.resolve!.pauseIn]).toEqual([[], [], [], ['on_hold'], ['on_hold']]);
    expect(DEFAULT_SLA_POLICY.warnAt).toEqual([75, 90]);
    expect(DEFAULT_SLA_POLICY.calendars['london-office']).toMatchObject({ kind: 'business', timeZone: 'Europe/London' });
  });

  it('survives a JSON round trip (policies are data)', () => {
    expect(SlaPolicySchema.parse(JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY)))).toEqual(DEFAULT_SLA_POLICY);
  });
});

describe('policy schema', () => {
  it.each([
    ['an unknown calendar', { priorities: { P1: { acknowledge: { minutes: 5, calendar: 'office' } } } }],
    ['redefining 24x7', { calendars: { '24x7': { kind: '24x7' } }, priorities: {} }],
    ['a warning at 100%', { warnAt: [75, 100], priorities: {} }],
    ['a zero target', { priorities: { P1: { acknowledge: { minutes: 0 } } } }],
    ['a negative target', { priorities: { P1: { acknowledge: { minutes: -1 } } } }],
    ['a misspelt target', { priorities: { P1: { acknowledgment: { minutes: 5 } } } }],
    ['a misspelt target option', { priorities: { P1: { acknowledge: { minutes: 5, pausedIn: ['on_hold'] } } } }],
    ['an unknown priority', { priorities: { P0: { acknowledge: { minutes: 5 } } } }],
  ])('refuses %s', (_name, input) => {
    expect(SlaPolicySchema.safeParse({ id: 'x', version: 1, effectiveFrom: '2026-01-01T00:00:00Z', ...(input as object) }).success).toBe(false);
  });
});

describe('versions: an incident keeps the policy in force when it was created', () => {
  const v1 = policy({ id: 'org', version: 1, effectiveFrom: '2026-01-01T00:00:00Z', priorities: { P1: { acknowledge: { minutes: 5 } } } });
  const v2 = policy({ id: 'org', version: 2, effectiveFrom: '2026-03-02T09:10:00Z', priorities: { P1: { acknowledge: { minutes: 10 } } } });
  const v3 = policy({ id: 'org', version: 3, effectiveFrom: '2026-03-02T09:10:00Z', priorities: { P1: { acknowledge: { minutes: 15 } } } });

  it.each([
    ['before any version: the earliest', '2025-12-31T23:00:00Z', [v1, v2], 1],
    ['created under v1', '2026-03-02T09:00:00Z', [v1, v2], 1],
    ['created the moment v2 takes effect', '2026-03-02T09:10:00Z', [v2, v1], 2],
    ['same effectiveFrom: the higher version', '2026-03-02T09:30:00Z', [v1, v3, v2], 3],
  ] as Array<[string, string, SlaPolicy[], number]>)('%s', (_name, created, versions, expected) => {
    expect(policyFor({ createdAt: created }, versions)?.version).toBe(expected);
  });

  it('a policy change mid-incident does not move its targets', () => {
    const old = incident(T0, 'P1', 'INC-2026-TEST-10');
    const fresh = incident(m(15), 'P1', 'INC-2026-TEST-11');
    const versions = [v1, v2];
    const a = computeClocks(old.state(), policyFor(old.state(), versions)!, m(20))[0]!;
    expect([a.state, a.targetMs / MINUTE]).toEqual(['breached', 5]);
    expectTime(a.breachedAt, '2026-03-02T09:05:00Z');
    const b = computeClocks(fresh.state(), policyFor(fresh.state(), versions)!, m(20))[0]!;
    expect([b.state, b.targetMs / MINUTE]).toEqual(['running', 10]);
  });

  it('an empty list has no policy', () => {
    expect(policyFor({ createdAt: '2026-03-02T09:00:00Z' }, [])).toBeUndefined();
  });
});

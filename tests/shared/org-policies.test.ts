import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/domain/events';
import { foldOrgPolicies, nextVersion, orgPoliciesOf, type OrgPolicyState } from '../../shared/org/policies';
import { DEFAULT_ESCALATION_POLICIES, DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import type { EscalationPolicy } from '../../shared/sla/escalation-policy';
import type { SlaPolicy } from '../../shared/sla/policy';
import { computeSnapshot } from '../../shared/sla/snapshot';
import { orgEvent, type OrgPublish } from './org-helpers';
import { iso, incident, MINUTE, t } from './sla-helpers';

/** The org fold: shipped defaults + published versions, numbered and pinned deterministically. */

const T1 = t('2026-11-27T14:02:00Z');
const T2 = t('2026-11-27T15:30:00Z');
const T3 = t('2026-11-28T09:00:00Z');

/** The SLA policy with the P2 acknowledge target changed, as a publisher at `at` proposes it. */
function slaWith(ackP2: number, version: number, at: number): SlaPolicy {
  const p2 = DEFAULT_SLA_POLICY.priorities.P2!;
  return { ...DEFAULT_SLA_POLICY, version, effectiveFrom: iso(at), priorities: { ...DEFAULT_SLA_POLICY.priorities, P2: { ...p2, acknowledge: { ...p2.acknowledge!, minutes: ackP2 } } } };
}

type Publish = Omit<OrgPublish, 'type'> & { type?: string };

const event = (p: Publish): EventEnvelope => orgEvent({ ...p, type: p.type ?? 'org.slaPolicy.published' });

const sla = (id: string, ack: number, version: number, at: number, more: Partial<Publish> = {}) => event({ id, at, data: { policy: slaWith(ack, version, at) }, ...more });

const slaVersions = (s: OrgPolicyState) => s.sla.versions.map((v) => ({ version: v.policy.version, from: v.policy.effectiveFrom, by: v.publishedBy, ack: v.policy.priorities.P2?.acknowledge?.minutes, concurrent: v.concurrent }));

describe('org policy fold', () => {
  const cases: Array<{ name: string; events: EventEnvelope[]; expected: ReturnType<typeof slaVersions> }> = [
    {
      name: 'nothing published: the shipped default',
      events: [],
      expected: [{ version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false }],
    },
    {
      name: 'one publish: version 2 from its time, by its author',
      events: [sla('evt-00000001', 20, 2, T1)],
      expected: [
        { version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false },
        { version: 2, from: iso(T1), by: 'Dana', ack: 20, concurrent: false },
      ],
    },
    {
      name: 'publishes in a row increment the version',
      events: [sla('evt-00000001', 20, 2, T1), sla('evt-00000002', 25, 3, T2, { actor: 'Sam' }), sla('evt-00000003', 10, 4, T3)],
      expected: [
        { version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false },
        { version: 2, from: iso(T1), by: 'Dana', ack: 20, concurrent: false },
        { version: 3, from: iso(T2), by: 'Sam', ack: 25, concurrent: false },
        { version: 4, from: iso(T3), by: 'Dana', ack: 10, concurrent: false },
      ],
    },
    {
      name: 'two PCs publish v2 at once: HLC order decides, the later becomes v3 (flagged)',
      events: [sla('evt-0000000b', 30, 2, T1 + MINUTE, { writer: 'writer-b', actor: 'Sam' }), sla('evt-0000000a', 20, 2, T1, { writer: 'writer-a' })],
      expected: [
        { version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false },
        { version: 2, from: iso(T1), by: 'Dana', ack: 20, concurrent: false },
        { version: 3, from: iso(T1 + MINUTE), by: 'Sam', ack: 30, concurrent: true },
      ],
    },
    {
      name: 'same HLC on two writers: the writer id breaks the tie',
      events: [sla('evt-0000000b', 30, 2, T1, { writer: 'writer-b', actor: 'Sam' }), sla('evt-0000000a', 20, 2, T1, { writer: 'writer-a' })],
      expected: [
        { version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false },
        { version: 2, from: iso(T1), by: 'Dana', ack: 20, concurrent: false },
        { version: 3, from: iso(T1), by: 'Sam', ack: 30, concurrent: true },
      ],
    },
    {
      name: 'a later version whose clock ran behind starts no earlier than the one before it',
      events: [sla('evt-00000001', 20, 2, T2), sla('evt-00000002', 25, 3, T1, { hlcAt: T2 + 1, writer: 'writer-b' })],
      expected: [
        { version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false },
        { version: 2, from: iso(T2), by: 'Dana', ack: 20, concurrent: false },
        { version: 3, from: iso(T2), by: 'Dana', ack: 25, concurrent: false },
      ],
    },
    {
      name: 'other streams, invalid payloads and a repeated event id change nothing',
      events: [
        sla('evt-00000001', 20, 2, T1),
        sla('evt-00000001', 20, 2, T1),
        sla('evt-00000002', 25, 3, T2, { stream: 'INC-2026-AAAA-1' }),
        event({ id: 'evt-00000003', at: T3, data: { policy: { id: 'default' } } }),
      ],
      expected: [
        { version: 1, from: DEFAULT_SLA_POLICY.effectiveFrom, by: null, ack: 15, concurrent: false },
        { version: 2, from: iso(T1), by: 'Dana', ack: 20, concurrent: false },
      ],
    },
  ];

  it.each(cases)('$name', ({ events, expected }) => {
    const state = foldOrgPolicies(events);
    expect(slaVersions(state)).toEqual(expected);
    expect(state.sla.current).toBe(state.sla.versions[state.sla.versions.length - 1]!.policy);
    // Arrival order does not matter: every PC folds the same events to the same policies.
    expect(foldOrgPolicies([...events].reverse())).toEqual(state);
  });

  it('escalation policies: a publish continues its id, a new id starts at version 1 after the defaults', () => {
    const major = DEFAULT_ESCALATION_POLICIES[0]!;
    const raised: EscalationPolicy = { ...major, version: 2, effectiveFrom: iso(T1), repeat: 3 };
    const fresh: EscalationPolicy = { ...major, id: 'network', name: 'Network', version: 1, effectiveFrom: iso(T2), match: { categories: ['Network'], services: [], priorities: [] } };
    const state = foldOrgPolicies([
      event({ id: 'evt-00000001', at: T1, type: 'org.escalationPolicy.published', data: { policy: raised } }),
      event({ id: 'evt-00000002', at: T2, type: 'org.escalationPolicy.published', data: { policy: fresh }, actor: 'Sam' }),
    ]);
    expect(state.escalation.map((h) => [h.id, h.current.version, h.versions.length])).toEqual([
      ['major', 2, 2],
      ['default', 1, 1],
      ['network', 1, 1],
    ]);
    expect(state.escalation[0]!.current.repeat).toBe(3);
    expect(state.escalation[2]!.versions[0]).toMatchObject({ publishedBy: 'Sam', publishedAt: iso(T2) });
    expect(orgPoliciesOf(state).escalation.map((p) => `${p.id}@${p.version}`)).toEqual(['major@1', 'major@2', 'default@1', 'network@1']);
  });

  it('effectiveFrom pins: an incident created before a change keeps its old targets; one created after gets the new', () => {
    const policies = orgPoliciesOf(foldOrgPolicies([sla('evt-00000001', 20, 2, T1), sla('evt-00000002', 40, 3, T2)]));
    const cases: Array<[string, number, number, number]> = [
      // name, created at, expected P2 acknowledge target (min), pinned version
      ['long before', T1 - 60 * MINUTE, 15, 1],
      ['just before v2', T1 - 1, 15, 1],
      ['at v2', T1, 20, 2],
      ['between', T1 + 30 * MINUTE, 20, 2],
      ['after v3', T3, 40, 3],
    ];
    for (const [name, at, minutes, version] of cases) {
      const snapshot = computeSnapshot(incident(at, 'P2', `INC-2026-TEST-${version}`).state(), at + MINUTE, policies);
      const ack = snapshot.clocks.find((c) => c.target === 'acknowledge')!;
      expect({ name, version: snapshot.policy?.version, targetMs: ack.targetMs }).toEqual({ name, version, targetMs: minutes * MINUTE });
    }
  });

  it('nextVersion proposes the latest + 1, effective at the publisher\'s now', () => {
    const state = foldOrgPolicies([sla('evt-00000001', 20, 2, T1)]);
    expect(nextVersion(state.sla, T2)).toEqual({ version: 3, effectiveFrom: iso(T2) });
    expect(nextVersion(undefined, T2)).toEqual({ version: 1, effectiveFrom: iso(T2) });
  });
});

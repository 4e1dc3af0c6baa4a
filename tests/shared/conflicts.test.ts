import { describe, expect, it } from 'vitest';
import type { IncidentCommandInput } from '../../shared/domain/commands';
import { ConflictSchema, type ConflictValue } from '../../shared/domain/conflicts';
import type { EventEnvelope } from '../../shared/domain/events';
import { IncidentStateSchema } from '../../shared/domain/incident';
import type { Level, Priority } from '../../shared/domain/priority';
import { foldIncident } from '../../shared/domain/reducer';
import { iso, runAll, shuffle, T0, transition, Writer } from './helpers';

const MIN = 60_000;

/**
 * Ana (writer A) creates an incident and Bo (writer B, clock 30 s ahead: his changes sort later)
 * receives it; both run `setup` in turn, then each runs one command without seeing the other's.
 */
function race(cmdA: IncidentCommandInput, cmdB: IncidentCommandInput, setup: IncidentCommandInput[] = []) {
  const a = new Writer('writer-a', { tag: 'wa', actor: 'Ana Ruiz' });
  const id = a.create({ impact: 2, urgency: 2 });
  runAll(a, id, setup);
  const b = new Writer('writer-b', { tag: 'wb', actor: 'Bo Chen', now: a.now + 30_000 }).receive(a.events());
  const [ea] = a.advance(MIN).run(id, cmdA);
  const [eb] = b.advance(MIN).run(id, cmdB);
  a.receive(b.events());
  b.receive(a.events());
  return { a, b, id, ea: ea!, eb: eb! };
}

const at = (min: number) => iso(T0 - min * MIN);
const P = (impact: Level, urgency: Level, priority: Priority, override: Priority | null = null): ConflictValue => ({ impact, urgency, override, priority });

describe('concurrent changes by two writers are recorded as conflicts', () => {
  const cases: Array<{ name: string; a: IncidentCommandInput; b: IncidentCommandInput; setup?: IncidentCommandInput[]; field: string; kept: ConflictValue; lost: ConflictValue }> = [
    { name: 'status', a: transition('acknowledged'), b: transition('investigating'), field: 'status', kept: 'investigating', lost: 'acknowledged' },
    {
      name: 'status (on hold against resolve)',
      setup: [transition('investigating')],
      a: transition('on_hold', { reason: 'Waiting for the carrier' }),
      b: transition('resolved', { resolution: { summary: 'Rebooted', code: 'Fixed' } }),
      field: 'status',
      kept: 'resolved',
      lost: 'on_hold',
    },
    {
      name: 'priority',
      a: { type: 'setPriority', impact: 1, urgency: 1, reason: 'Spreading' },
      b: { type: 'setPriority', impact: 3, urgency: 3, reason: 'Contained' },
      field: 'priority',
      kept: P(3, 3, 'P5'),
      lost: P(1, 1, 'P1'),
    },
    {
      name: 'priority (same priority reached differently)',
      a: { type: 'setPriority', impact: 1, urgency: 2, reason: 'Wide' },
      b: { type: 'setPriority', impact: 2, urgency: 1, reason: 'Urgent' },
      field: 'priority',
      kept: P(2, 1, 'P2'),
      lost: P(1, 2, 'P2'),
    },
    { name: 'role', a: { type: 'assignRole', role: 'coordinator', person: 'Alice' }, b: { type: 'assignRole', role: 'coordinator', person: 'Bob' }, field: 'role:coordinator', kept: 'Bob', lost: 'Alice' },
    {
      name: 'role (assigned over a concurrent release)',
      setup: [{ type: 'assignRole', role: 'scribe', person: 'Carla' }],
      a: { type: 'releaseRole', role: 'scribe' },
      b: { type: 'assignRole', role: 'scribe', person: 'Dev' },
      field: 'role:scribe',
      kept: 'Dev',
      lost: null,
    },
    { name: 'fields', a: { type: 'updateFields', fields: { title: 'Radio down' } }, b: { type: 'updateFields', fields: { title: 'Radio and phones down' } }, field: 'field:title', kept: 'Radio and phones down', lost: 'Radio down' },
    { name: 'fields (a list)', a: { type: 'updateFields', fields: { services: ['Radio'] } }, b: { type: 'updateFields', fields: { services: ['Phones'] } }, field: 'field:services', kept: ['Phones'], lost: ['Radio'] },
    {
      name: 'milestone',
      a: { type: 'setMilestone', milestone: 'impactStarted', at: at(30), reason: 'From logs' },
      b: { type: 'setMilestone', milestone: 'impactStarted', at: at(45), reason: 'Caller said' },
      field: 'milestone:impactStarted',
      kept: at(45),
      lost: at(30),
    },
  ];

  it.each(cases)('$name', ({ a: cmdA, b: cmdB, setup, field, kept, lost }) => {
    const { a, b, id, ea, eb } = race(cmdA, cmdB, setup);
    const state = a.get(id);
    expect(state.conflicts).toEqual([
      {
        eventId: eb.id,
        overriddenEventId: ea.id,
        field,
        winner: { value: kept, actor: 'Bo Chen', writerId: 'writer-b' },
        loser: { value: lost, actor: 'Ana Ruiz', writerId: 'writer-a' },
        at: eb.recordedAt,
      },
    ]);
    expect(b.get(id)).toStrictEqual(state);
    for (const c of state.conflicts) expect(ConflictSchema.safeParse(c).success).toBe(true);
    // any delivery order, with copies
    const events = a.events(id);
    expect(foldIncident(shuffle([...events, ...events.slice(0, 3)], 7))).toStrictEqual(state);
  });
});

describe('what is not a conflict', () => {
  const cases: Array<{ name: string; a: IncidentCommandInput; b: IncidentCommandInput; setup?: IncidentCommandInput[] }> = [
    { name: 'different fields', a: { type: 'updateFields', fields: { title: 'Radio down' } }, b: { type: 'updateFields', fields: { tags: ['radio'] } } },
    { name: 'different roles', a: { type: 'assignRole', role: 'coordinator', person: 'Alice' }, b: { type: 'assignRole', role: 'scribe', person: 'Bob' } },
    { name: 'both made the same change', a: transition('acknowledged'), b: transition('acknowledged') },
    { name: 'both set the same priority', a: { type: 'setPriority', impact: 1, urgency: 1, reason: 'x' }, b: { type: 'setPriority', impact: 1, urgency: 1, reason: 'y' } },
    { name: 'a status change against a priority change', a: transition('acknowledged'), b: { type: 'setPriority', impact: 1, urgency: 1, reason: 'y' } },
  ];
  it.each(cases)('$name', ({ a: cmdA, b: cmdB, setup }) => {
    const { a, id } = race(cmdA, cmdB, setup);
    expect(a.get(id).conflicts).toEqual([]);
  });

  it('sequential changes by two writers, the second having seen the first', () => {
    const a = new Writer('writer-a', { tag: 'wa' });
    const id = a.create();
    const b = new Writer('writer-b', { tag: 'wb', now: T0 + 30_000 }).receive(a.events());
    const steps: Array<[Writer, Writer, IncidentCommandInput]> = [
      [a, b, transition('acknowledged')],
      [b, a, transition('investigating')],
      [a, b, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Wider' }],
      [b, a, { type: 'setPriority', impact: 2, urgency: 1, reason: 'Narrower' }],
      [a, b, { type: 'assignRole', role: 'coordinator', person: 'Alice' }],
      [b, a, { type: 'assignRole', role: 'coordinator', person: 'Bob' }],
      [a, b, { type: 'updateFields', fields: { title: 'One' } }],
      [b, a, { type: 'updateFields', fields: { title: 'Two' } }],
      [a, b, { type: 'setMilestone', milestone: 'impactStarted', at: at(5), reason: 'x' }],
      [b, a, { type: 'setMilestone', milestone: 'impactStarted', at: at(9), reason: 'y' }],
    ];
    for (const [by, to, cmd] of steps) {
      by.advance(MIN).run(id, cmd);
      to.advance(MIN).receive(by.events());
    }
    expect(a.get(id)).toMatchObject({ status: 'investigating', priority: 'P2', roles: { coordinator: 'Bob' }, title: 'Two', conflicts: [] });
  });

  it('changes by one writer, even decided against the same stale view', () => {
    const a = new Writer('writer-a', { tag: 'wa' });
    const id = a.create();
    const first = a.decide(id, transition('acknowledged'));
    const second = a.decide(id, transition('investigating'));
    [...first, ...second].forEach((p) => a.advance(MIN).stamp(p));
    expect(a.get(id)).toMatchObject({ status: 'investigating', conflicts: [] });
  });

  it('events from before writers recorded what they saw (no `previous`)', () => {
    const { a, id } = race({ type: 'setPriority', impact: 1, urgency: 1, reason: 'x' }, { type: 'setPriority', impact: 3, urgency: 3, reason: 'y' });
    const old = a.events(id).map((e): EventEnvelope => {
      const { previous: _p, ...data } = e.data as Record<string, unknown>;
      return { ...e, data };
    });
    expect(foldIncident(old)!.conflicts).toEqual([]);
  });

  it('an older state without conflicts still parses', () => {
    const { a, id } = race(transition('acknowledged'), transition('investigating'));
    const { conflicts: _c, ...older } = a.get(id);
    expect(IncidentStateSchema.parse(older).conflicts).toEqual([]);
  });
});

describe('three writers at once', () => {
  it('each later change records the one it overrode', () => {
    const a = new Writer('writer-a', { tag: 'wa', actor: 'Ana' });
    const id = a.create();
    runAll(a, id, [transition('investigating')]);
    const b = new Writer('writer-b', { tag: 'wb', actor: 'Bo', now: a.now + 10_000 }).receive(a.events());
    const c = new Writer('writer-c', { tag: 'wc', actor: 'Cy', now: a.now + 20_000 }).receive(a.events());
    const [ea] = a.advance(MIN).run(id, transition('mitigated'));
    const [eb] = b.advance(MIN).run(id, transition('on_hold', { reason: 'Vendor' }));
    const [ec] = c.advance(MIN).run(id, transition('resolved', { resolution: { summary: 'Fixed it', code: 'Fixed' } }));
    const all = [...a.events(id), ...b.events(id), ...c.events(id)];
    const state = foldIncident(all)!;
    expect(state.status).toBe('resolved');
    expect(state.conflicts.map((x) => [x.field, x.eventId, x.overriddenEventId, x.winner.value, x.loser.value])).toEqual([
      ['status', eb!.id, ea!.id, 'on_hold', 'mitigated'],
      ['status', ec!.id, eb!.id, 'resolved', 'on_hold'],
    ]);
    for (let seed = 0; seed < 5; seed++) expect(foldIncident(shuffle(all, seed))).toStrictEqual(state);
  });

  it('a writer that saw one change but not another conflicts only with the one it missed', () => {
    const a = new Writer('writer-a', { tag: 'wa', actor: 'Ana' });
    const id = a.create();
    const b = new Writer('writer-b', { tag: 'wb', actor: 'Bo', now: a.now + 10_000 }).receive(a.events());
    const c = new Writer('writer-c', { tag: 'wc', actor: 'Cy', now: a.now + 20_000 }).receive(a.events());
    a.advance(MIN).run(id, { type: 'assignRole', role: 'coordinator', person: 'Alice' });
    c.receive(a.events());
    const [eb] = b.advance(MIN).run(id, { type: 'assignRole', role: 'coordinator', person: 'Bob' });
    const [ec] = c.advance(MIN).run(id, { type: 'assignRole', role: 'coordinator', person: 'Cleo' }); // saw Alice, not Bob
    const state = foldIncident([...a.events(id), ...b.events(id), ...c.events(id)])!;
    expect(state.roles.coordinator).toBe('Cleo');
    expect(state.conflicts.map((x) => [x.eventId, x.overriddenEventId, x.winner.value, x.loser.value])).toEqual([
      [eb!.id, a.events(id).at(-1)!.id, 'Bob', 'Alice'],
      [ec!.id, eb!.id, 'Cleo', 'Bob'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { IncidentCommandSchema } from '../../shared/domain/commands';
import { INVERSE_RELATION, RelationKindSchema, type Milestone } from '../../shared/domain/vocabulary';
import type { Status } from '../../shared/domain/lifecycle';
import { expectRule, iso, RESOLUTION, T0, transition, Writer } from './helpers';

const MIN = 60_000;

/** A writer with one fresh incident created at T0. */
function fresh(input = {}) {
  const w = new Writer('writer-a');
  const id = w.create({ title: 'Core switch failure', services: ['Network'], reporter: 'Dana', tags: ['site-b'], description: 'Floor 3 offline', ...input });
  return { w, id };
}

describe('milestones', () => {
  it('creation stamps detected and reported; nothing else', () => {
    const { w, id } = fresh();
    expect(w.get(id).milestones).toEqual({ detected: iso(T0), reported: iso(T0) });
  });

  it('status changes stamp acknowledged, mitigated, resolved and closed once, at their first occurrence', () => {
    const { w, id } = fresh({ impact: 2, urgency: 2 });
    const walk: Array<[Status, Record<string, unknown>?]> = [
      ['acknowledged'],
      ['investigating'],
      ['mitigated'],
      ['monitoring'],
      ['investigating'],
      ['mitigated'],
      ['resolved', { resolution: RESOLUTION }],
      ['investigating', { reason: 'Timeouts are back' }],
      ['resolved', { resolution: RESOLUTION }],
      ['closed'],
    ];
    const at: Array<[Status, string]> = [];
    walk.forEach(([to, extra], i) => {
      w.advance((i + 1) * MIN);
      w.run(id, transition(to, extra));
      at.push([to, iso(w.now)]);
    });
    const first = (s: Status) => at.find(([to]) => to === s)![1];
    expect(w.get(id).milestones).toEqual({
      detected: iso(T0),
      reported: iso(T0),
      acknowledged: first('acknowledged'),
      mitigated: first('mitigated'),
      resolved: first('resolved'),
      closed: first('closed'),
    });
  });

  it.each<[Status, Status[]]>([
    ['investigating', []],
    ['monitoring', ['mitigated']],
    ['on_hold', []],
    ['cancelled', []],
  ])('moving to %s stamps nothing of its own', (to, before) => {
    const { w, id } = fresh();
    w.run(id, transition('investigating'));
    for (const s of before) w.run(id, transition(s));
    const milestones = w.get(id).milestones;
    if (to !== 'investigating') w.advance(MIN).run(id, transition(to, { reason: 'x' }));
    expect(w.get(id).milestones).toEqual(milestones);
  });

  it('setMilestone backdates impactStarted, as an event with its reason', () => {
    const { w, id } = fresh();
    const at = iso(T0 - 45 * MIN);
    const [e] = w.advance(MIN).run(id, { type: 'setMilestone', milestone: 'impactStarted', at, reason: 'Monitoring shows errors from 08:15' });
    expect(e).toMatchObject({ type: 'incident.milestoneSet', data: { milestone: 'impactStarted', at, reason: 'Monitoring shows errors from 08:15' } });
    expect(w.get(id).milestones.impactStarted).toBe(at);
    expect(w.get(id).timeline.at(-1)).toBe(e);
  });

  it('setMilestone corrects a stamped milestone; a later status change does not overwrite it', () => {
    const { w, id } = fresh();
    w.advance(10 * MIN).run(id, transition('acknowledged'));
    const corrected = iso(T0 + 2 * MIN);
    w.advance(MIN).run(id, { type: 'setMilestone', milestone: 'acknowledged', at: corrected, reason: 'Acknowledged by phone first' });
    w.advance(MIN).run(id, transition('on_hold', { reason: 'x' }));
    w.advance(MIN).run(id, transition('acknowledged'));
    expect(w.get(id).milestones.acknowledged).toBe(corrected);
  });

  it.each<Milestone>(['impactStarted', 'detected', 'acknowledged', 'resolved'])('setMilestone with null clears %s', (milestone) => {
    const { w, id } = fresh();
    w.run(id, transition('investigating'));
    w.advance(MIN).run(id, transition('resolved', { resolution: RESOLUTION }));
    w.run(id, { type: 'setMilestone', milestone, at: iso(T0 - MIN), reason: 'set' });
    w.advance(MIN).run(id, { type: 'setMilestone', milestone, at: null, reason: 'Entered on the wrong incident' });
    expect(w.get(id).milestones).not.toHaveProperty(milestone);
  });

  it('a cleared status milestone is stamped again by the next such status change', () => {
    const { w, id } = fresh();
    w.run(id, transition('acknowledged'));
    w.run(id, { type: 'setMilestone', milestone: 'acknowledged', at: null, reason: 'Wrong' });
    w.advance(MIN).run(id, transition('on_hold', { reason: 'x' }));
    w.advance(MIN).run(id, transition('acknowledged'));
    expect(w.get(id).milestones.acknowledged).toBe(iso(w.now));
  });

  it.each([
    ['no reason', { milestone: 'impactStarted', at: iso(T0) }],
    ['a blank reason', { milestone: 'impactStarted', at: iso(T0), reason: '  ' }],
    ['a time that is not ISO 8601', { milestone: 'impactStarted', at: 'yesterday 8am', reason: 'x' }],
    ['an unknown milestone', { milestone: 'lunch', at: iso(T0), reason: 'x' }],
  ])('setMilestone is refused with %s', (_what, fields) => {
    expect(IncidentCommandSchema.safeParse({ type: 'setMilestone', ...fields }).success).toBe(false);
  });
});

describe('roles', () => {
  it('assigning records the previous holder; a handover names who handed over', () => {
    const { w, id } = fresh();
    const [first] = w.run(id, { type: 'assignRole', role: 'coordinator', person: 'Alice' });
    expect(first).toMatchObject({ type: 'role.assigned', data: { role: 'coordinator', person: 'Alice', previous: null } });
    const [handover] = w.advance(MIN).run(id, { type: 'assignRole', role: 'coordinator', person: 'Bob' });
    expect(handover).toMatchObject({ type: 'role.assigned', data: { role: 'coordinator', person: 'Bob', previous: 'Alice' } });
    expect(w.get(id).roles).toEqual({ coordinator: 'Bob' });
  });

  it('roles are independent and organisations may add their own', () => {
    const { w, id } = fresh();
    w.run(id, { type: 'assignRole', role: 'scribe', person: 'Carla' });
    w.run(id, { type: 'assignRole', role: 'Network liaison', person: 'Dev' });
    expect(w.get(id).roles).toEqual({ scribe: 'Carla', 'Network liaison': 'Dev' });
  });

  it('refuses to assign the current holder again', () => {
    const { w, id } = fresh();
    w.run(id, { type: 'assignRole', role: 'coordinator', person: 'Alice' });
    expectRule(() => w.run(id, { type: 'assignRole', role: 'coordinator', person: 'Alice' }), 'role.unchanged');
  });

  it('releasing names the holder; releasing a vacant role is refused', () => {
    const { w, id } = fresh();
    expectRule(() => w.run(id, { type: 'releaseRole', role: 'coordinator' }), 'role.vacant');
    w.run(id, { type: 'assignRole', role: 'coordinator', person: 'Alice' });
    const [e] = w.run(id, { type: 'releaseRole', role: 'coordinator' });
    expect(e).toMatchObject({ type: 'role.released', data: { role: 'coordinator', person: 'Alice' } });
    expect(w.get(id).roles).toEqual({});
  });

  it('a release of a former holder (decided before a handover elsewhere) does not unseat the new holder', () => {
    const { w, id } = fresh();
    w.run(id, { type: 'assignRole', role: 'coordinator', person: 'Bob' });
    w.stamp({ stream: id, type: 'role.released', data: { role: 'coordinator', person: 'Alice' } });
    expect(w.get(id).roles).toEqual({ coordinator: 'Bob' });
  });
});

describe('responders', () => {
  it('join and leave are stamped with their times; rejoining starts a new stint', () => {
    const { w, id } = fresh();
    const joined = iso(w.advance(MIN).now);
    w.run(id, { type: 'joinResponder', person: 'Eve', team: 'Network' });
    const left = iso(w.advance(30 * MIN).now);
    w.run(id, { type: 'leaveResponder', person: 'Eve' });
    const rejoined = iso(w.advance(MIN).now);
    w.run(id, { type: 'joinResponder', person: 'Eve' });
    expect(w.get(id).responders).toEqual([
      { person: 'Eve', team: 'Network', joinedAt: joined, leftAt: left },
      { person: 'Eve', team: '', joinedAt: rejoined, leftAt: null },
    ]);
  });

  it('refuses a double join and a leave of someone not responding', () => {
    const { w, id } = fresh();
    expectRule(() => w.run(id, { type: 'leaveResponder', person: 'Eve' }), 'responder.notJoined');
    w.run(id, { type: 'joinResponder', person: 'Eve' });
    expectRule(() => w.run(id, { type: 'joinResponder', person: 'Eve', team: 'Other' }), 'responder.alreadyJoined');
    w.run(id, { type: 'leaveResponder', person: 'Eve' });
    expectRule(() => w.run(id, { type: 'leaveResponder', person: 'Eve' }), 'responder.notJoined');
  });
});

describe('tasks', () => {
  function withTask() {
    const { w, id } = fresh();
    const [e] = w.advance(MIN).run(id, { type: 'addTask', title: 'Call the carrier', owner: 'Eve', checklist: ['Get ticket number', 'Ask for ETA'] });
    const task = w.get(id).tasks[0]!;
    return { w, id, e: e!, task };
  }

  it('adding a task mints ids for the task and each checklist item', () => {
    const { w, e, task } = withTask();
    expect(e.type).toBe('task.added');
    expect(task).toEqual({
      taskId: task.taskId,
      title: 'Call the carrier',
      owner: 'Eve',
      due: null,
      status: 'open',
      checklist: [
        { itemId: task.checklist[0]!.itemId, text: 'Get ticket number', done: false },
        { itemId: task.checklist[1]!.itemId, text: 'Ask for ETA', done: false },
      ],
      createdAt: iso(w.now),
    });
    expect(new Set([task.taskId, ...task.checklist.map((c) => c.itemId)]).size).toBe(3);
  });

  it('checklist items toggle on and off independently', () => {
    const { w, id, task } = withTask();
    const [a, b] = task.checklist.map((c) => c.itemId) as [string, string];
    w.run(id, { type: 'toggleChecklist', taskId: task.taskId, itemId: b, done: true });
    expect(w.get(id).tasks[0]!.checklist.map((c) => c.done)).toEqual([false, true]);
    w.run(id, { type: 'toggleChecklist', taskId: task.taskId, itemId: a, done: true });
    w.run(id, { type: 'toggleChecklist', taskId: task.taskId, itemId: b, done: false });
    expect(w.get(id).tasks[0]!.checklist.map((c) => c.done)).toEqual([true, false]);
  });

  it('refuses unknown tasks and checklist items', () => {
    const { w, id, task } = withTask();
    expectRule(() => w.run(id, { type: 'toggleChecklist', taskId: task.taskId, itemId: 'nope', done: true }), 'task.unknownItem');
    expectRule(() => w.run(id, { type: 'toggleChecklist', taskId: 'nope', itemId: task.checklist[0]!.itemId, done: true }), 'task.unknownItem');
    expectRule(() => w.run(id, { type: 'updateTask', taskId: 'nope', status: 'done' }), 'task.unknown');
  });

  it('updating changes only what is given; a null due clears it', () => {
    const { w, id, task } = withTask();
    const due = iso(T0 + 3_600_000);
    w.run(id, { type: 'updateTask', taskId: task.taskId, status: 'in_progress', due });
    expect(w.get(id).tasks[0]).toMatchObject({ status: 'in_progress', owner: 'Eve', due, title: 'Call the carrier' });
    w.run(id, { type: 'updateTask', taskId: task.taskId, owner: 'Finn' });
    expect(w.get(id).tasks[0]).toMatchObject({ status: 'in_progress', owner: 'Finn', due });
    w.run(id, { type: 'updateTask', taskId: task.taskId, status: 'done', due: null });
    expect(w.get(id).tasks[0]).toMatchObject({ status: 'done', owner: 'Finn', due: null });
  });
});

describe('relations', () => {
  function pair() {
    const w = new Writer('writer-a');
    const a = w.create({ title: 'Power loss building B' });
    const b = w.advance(MIN).create({ title: 'Switch stack down building B' });
    return { w, a, b };
  }

  it.each(RelationKindSchema.options)('%s is recorded on both incidents, the other side with its inverse', (kind) => {
    const { w, a, b } = pair();
    const events = w.run(b, { type: 'addRelation', kind, target: a, note: 'Same building' });
    expect(events.map((e) => [e.stream, e.type, e.data])).toEqual([
      [b, 'relation.added', { kind, target: a, note: 'Same building' }],
      [a, 'relation.added', { kind: INVERSE_RELATION[kind], target: b, note: 'Same building' }],
    ]);
    expect(w.get(b).relations).toEqual([{ kind, target: a, note: 'Same building' }]);
    expect(w.get(a).relations).toEqual([{ kind: INVERSE_RELATION[kind], target: b, note: 'Same building' }]);
    expect(INVERSE_RELATION[INVERSE_RELATION[kind]]).toBe(kind);

    w.run(a, { type: 'removeRelation', kind: INVERSE_RELATION[kind], target: b });
    expect(w.get(a).relations).toEqual([]);
    expect(w.get(b).relations).toEqual([]);
  });

  it('refuses self, unknown targets, duplicates and removing what is not there', () => {
    const { w, a, b } = pair();
    expectRule(() => w.run(a, { type: 'addRelation', kind: 'related', target: a }), 'relation.self');
    expectRule(() => w.run(a, { type: 'addRelation', kind: 'related', target: 'INC-2026-ZZZZ-9' }), 'relation.unknownTarget');
    expectRule(() => w.run(a, { type: 'removeRelation', kind: 'related', target: b }), 'relation.unknown');
    w.run(a, { type: 'addRelation', kind: 'caused_by', target: b });
    expectRule(() => w.run(a, { type: 'addRelation', kind: 'caused_by', target: b }), 'relation.exists');
    w.run(a, { type: 'addRelation', kind: 'related', target: b }); // another kind is another relation
    expect(w.get(b).relations.map((r) => r.kind)).toEqual(['causes', 'related']);
  });
});

describe('timeline entries and corrections', () => {
  it('an entry records author and time; a backdated one keeps when it happened', () => {
    const { w, id } = fresh();
    w.advance(MIN).run(id, { type: 'addEntry', kind: 'decision', text: 'Fail over to site A' });
    const happened = iso(T0 - 5 * MIN);
    w.advance(MIN).run(id, { type: 'addEntry', kind: 'external', text: 'Carrier called us', occurredAt: happened });
    const [decision, call] = w.get(id).entries;
    expect(decision).toMatchObject({ kind: 'decision', text: 'Fail over to site A', author: w.actor, recordedAt: iso(T0 + MIN), occurredAt: iso(T0 + MIN), backdated: false, corrects: null, correctedBy: null });
    expect(call).toMatchObject({ recordedAt: iso(T0 + 2 * MIN), occurredAt: happened, backdated: true });
  });

  it('a correction points at the original, which is marked correctedBy; the original stays', () => {
    const { w, id } = fresh();
    w.run(id, { type: 'addEntry', kind: 'communication', text: 'Sent update to 300 users' });
    const original = w.get(id).entries[0]!;
    w.advance(MIN).run(id, { type: 'correctEntry', entryId: original.entryId, text: 'Sent update to 3,000 users' });
    const [before, correction] = w.get(id).entries;
    expect(correction).toMatchObject({ kind: 'communication', text: 'Sent update to 3,000 users', corrects: original.entryId, correctedBy: null });
    expect(before).toEqual({ ...original, correctedBy: correction!.entryId });
  });

  it('correcting the same entry twice is refused; the correction itself can be corrected', () => {
    const { w, id } = fresh();
    w.run(id, { type: 'addEntry', kind: 'note', text: 'v1' });
    const original = w.get(id).entries[0]!;
    w.run(id, { type: 'correctEntry', entryId: original.entryId, text: 'v2' });
    const err = expectRule(() => w.run(id, { type: 'correctEntry', entryId: original.entryId, text: 'v3' }), 'entry.alreadyCorrected');
    expect(err.field).toBe('entryId');
    const v2 = w.get(id).entries[1]!;
    w.run(id, { type: 'correctEntry', entryId: v2.entryId, text: 'v3' });
    expect(w.get(id).entries.map((e) => [e.text, e.corrects, e.correctedBy])).toEqual([
      ['v1', null, v2.entryId],
      ['v2', original.entryId, w.get(id).entries[2]!.entryId],
      ['v3', v2.entryId, null],
    ]);
  });

  it('a correction of a backdated entry keeps its time', () => {
    const { w, id } = fresh();
    const happened = iso(T0 - 10 * MIN);
    w.run(id, { type: 'addEntry', kind: 'action', text: 'Rebooted core-1', occurredAt: happened });
    w.advance(MIN).run(id, { type: 'correctEntry', entryId: w.get(id).entries[0]!.entryId, text: 'Rebooted core-2' });
    expect(w.get(id).entries[1]).toMatchObject({ occurredAt: happened, backdated: true });
  });

  it('refuses to correct an unknown entry', () => {
    const { w, id } = fresh();
    expectRule(() => w.run(id, { type: 'correctEntry', entryId: 'nope', text: 'x' }), 'entry.unknown');
  });

  it('when two writers correct the same entry concurrently, the first in fold order wins the pointer', () => {
    const { w: a, id } = fresh();
    a.run(id, { type: 'addEntry', kind: 'note', text: 'v1' });
    const b = new Writer('writer-b').receive(a.events());
    const entryId = a.get(id).entries[0]!.entryId;
    a.advance(MIN).run(id, { type: 'correctEntry', entryId, text: 'A says' });
    b.advance(2 * MIN).run(id, { type: 'correctEntry', entryId, text: 'B says' });
    a.receive(b.events());
    const entries = a.get(id).entries;
    expect(entries.map((e) => e.text)).toEqual(['v1', 'A says', 'B says']);
    expect(entries[0]!.correctedBy).toBe(entries[1]!.entryId);
    expect(entries[2]!.corrects).toBe(entryId);
  });
});

describe('updateFields', () => {
  it('changes only the fields given and keeps the rest', () => {
    const { w, id } = fresh({ category: 'Network', major: true, source: 'monitoring' });
    const before = w.get(id);
    const [e] = w.advance(MIN).run(id, { type: 'updateFields', fields: { title: 'Core switch failure — floor 3' }, reason: 'More precise' });
    // `previous`: what this writer saw, so a concurrent edit elsewhere shows as a conflict
    expect(e!.data).toEqual({ fields: { title: 'Core switch failure — floor 3' }, reason: 'More precise', previous: { title: before.title } });
    expect(w.get(id)).toMatchObject({
      title: 'Core switch failure — floor 3',
      description: before.description,
      category: 'Network',
      services: ['Network'],
      reporter: 'Dana',
      source: 'monitoring',
      tags: ['site-b'],
      major: true,
      exercise: false,
    });
  });

  it('can set a field back to empty or false', () => {
    const { w, id } = fresh({ major: true });
    w.run(id, { type: 'updateFields', fields: { services: [], major: false, description: '' } });
    expect(w.get(id)).toMatchObject({ services: [], major: false, description: '', reporter: 'Dana' });
  });

  it('refuses nothing to change and an empty title', () => {
    const { w, id } = fresh();
    expectRule(() => w.run(id, { type: 'updateFields', fields: {} }), 'fields.empty');
    expect(IncidentCommandSchema.safeParse({ type: 'updateFields', fields: { title: '  ' } }).success).toBe(false);
  });
});

describe('final states', () => {
  it('a closed incident takes entries, corrections and relations but nothing else', async () => {
    const { decide, DomainError } = await import('../../shared/domain/commands');
    const { DEFAULT_LIFECYCLE } = await import('../../shared/domain/lifecycle');
    const { DEFAULT_PRIORITY_MATRIX } = await import('../../shared/domain/priority');
    const closed = { id: 'INC-2026-ABCDEF-1', status: 'closed', roles: {}, responders: [], tasks: [], relations: [], entries: [], priority: 'P3', heldFrom: null, review: null } as never;
    let n = 0;
    const ctx = { now: '2026-03-01T10:00:00.000Z', newId: () => `id-${++n}`, matrix: DEFAULT_PRIORITY_MATRIX, lifecycle: DEFAULT_LIFECYCLE, lookup: () => undefined };
    expect(decide(closed, { type: 'addEntry', kind: 'note', text: 'Vendor RCA received', occurredAt: null }, ctx)).toHaveLength(1);
    for (const command of [
      { type: 'assignRole', role: 'coordinator', person: 'Ana' },
      { type: 'addTask', title: 'x', owner: '', due: null, checklist: [] },
      { type: 'setPriority', impact: 1, urgency: 1, override: null, reason: 'late' },
      { type: 'recordReview', outcome: 'waived', reason: 'again' },
    ] as const) {
      expect(() => decide(closed, command as never, ctx)).toThrow(DomainError);
      try {
        decide(closed, command as never, ctx);
      } catch (err) {
        expect((err as InstanceType<typeof DomainError>).rule).toBe('lifecycle.final');
      }
    }
  });

  it('keeps a link only on a cancel (duplicate), not on other transitions', async () => {
    const { decide } = await import('../../shared/domain/commands');
    const { DEFAULT_LIFECYCLE } = await import('../../shared/domain/lifecycle');
    const { DEFAULT_PRIORITY_MATRIX } = await import('../../shared/domain/priority');
    const fresh = { id: 'INC-2026-ABCDEF-1', status: 'new', roles: {}, responders: [], tasks: [], relations: [], entries: [], priority: 'P3', heldFrom: null, review: null } as never;
    const ctx = { now: '2026-03-01T10:00:00.000Z', newId: () => 'id', matrix: DEFAULT_PRIORITY_MATRIX, lifecycle: DEFAULT_LIFECYCLE, lookup: () => fresh };
    const [event] = decide(fresh, { type: 'transition', to: 'acknowledged', reason: '', link: 'INC-2026-ABCDEF-2' }, ctx);
    expect((event!.data as { link?: string }).link).toBeUndefined();
  });
});

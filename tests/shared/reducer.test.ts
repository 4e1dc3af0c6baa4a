import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, type IncidentCommandInput } from '../../shared/domain/commands';
import { compareEvents, CURRENT_EVENT_VERSION, INCIDENT_EVENT_TYPES, isKnownEvent, parseEvent, type EventEnvelope } from '../../shared/domain/events';
import { IncidentStateSchema, type IncidentState } from '../../shared/domain/incident';
import { allowedTransitions, DEFAULT_LIFECYCLE } from '../../shared/domain/lifecycle';
import { foldIncident, foldInto, foldManyInto } from '../../shared/domain/reducer';
import { EntryKindSchema, MilestoneSchema, RelationKindSchema, type RelationKind } from '../../shared/domain/vocabulary';
import { domainFields, iso, shuffle, T0, transition, Writer } from './helpers';

// ---------------------------------------------------------------------------------------------
// Arrival-order helpers

/** Folds events one at a time with foldInto, keeping early arrivals (before the creation) aside
 *  exactly as WorkspaceService does with its orphans. */
function foldIncrementally(arrivals: readonly EventEnvelope[]): IncidentState | undefined {
  let state: IncidentState | undefined;
  let pending: EventEnvelope[] = [];
  for (const e of arrivals) {
    const next = foldInto(state, e, state ? [] : pending);
    if (next) {
      state = next;
      pending = [];
    } else {
      pending.push(e);
    }
  }
  return state;
}

/** Folds in batches of one to three events (as deliveries come), keeping every state handed out with its JSON at the time. */
function foldWatched(arrivals: readonly EventEnvelope[], seed: number): Array<[IncidentState, string]> {
  const watched: Array<[IncidentState, string]> = [];
  let state: IncidentState | undefined;
  let pending: EventEnvelope[] = [];
  for (let i = 0; i < arrivals.length; ) {
    const batch = arrivals.slice(i, (i += 1 + (Math.abs(seed + i) % 3)));
    const next = foldManyInto(state, batch, state ? [] : pending);
    if (!next) {
      pending.push(...batch);
      continue;
    }
    state = next;
    pending = [];
    watched.push([next, JSON.stringify(next)]);
  }
  return watched;
}

function byStream(events: readonly EventEnvelope[]): Map<string, EventEnvelope[]> {
  const out = new Map<string, EventEnvelope[]>();
  for (const e of events) out.set(e.stream, [...(out.get(e.stream) ?? []), e]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Random but valid command sequences

const PEOPLE = ['Alice', 'Bob', 'Carla', 'Dev'];
const ROLES = ['coordinator', 'communications', 'scribe', 'Network liaison'];
const pickOf = <T>(items: readonly T[], r: number): T => items[r % items.length]!;

/** Commands worth trying on `s`; decide() has the last word (refusals are simply skipped). */
function candidates(s: IncidentState, otherIds: readonly string[], r: number): IncidentCommandInput[] {
  const out: IncidentCommandInput[] = [];
  for (const t of allowedTransitions(DEFAULT_LIFECYCLE, s.status, s.heldFrom)) {
    out.push(
      transition(t.to, {
        reason: t.requires.includes('reason') || r % 3 === 0 ? `Reason ${r}` : '',
        ...(t.requires.includes('resolution') ? { resolution: { summary: `Fix ${r}`, code: pickOf(DEFAULT_LIFECYCLE.resolutionCodes, r) } } : {}),
        ...(t.to === 'cancelled' && otherIds.length && r % 2 ? { link: pickOf(otherIds, r) } : {}),
      }),
    );
  }
  out.push({ type: 'recordReview', outcome: r % 2 ? 'done' : 'waived', reason: r % 2 ? '' : 'Reviewed with the vendor' });
  out.push({ type: 'setPriority', impact: ((r % 3) + 1) as 1 | 2 | 3, urgency: ((Math.floor(r / 3) % 3) + 1) as 1 | 2 | 3, override: r % 5 === 0 ? 'P1' : null, reason: 'Reassessed' });
  out.push({ type: 'setMilestone', milestone: pickOf(MilestoneSchema.options, r), at: r % 4 === 0 ? null : iso(T0 - (r % 90) * 60_000), reason: 'Corrected from logs' });
  out.push({ type: 'assignRole', role: pickOf(ROLES, r), person: pickOf(PEOPLE, r >> 2) });
  const held = Object.keys(s.roles);
  if (held.length) out.push({ type: 'releaseRole', role: pickOf(held, r) });
  out.push({ type: 'joinResponder', person: pickOf(PEOPLE, r), team: r % 2 ? 'Network' : '' });
  out.push({ type: 'leaveResponder', person: pickOf(PEOPLE, r) });
  out.push({ type: 'addTask', title: `Task ${r}`, owner: pickOf(PEOPLE, r), checklist: ['Step one', 'Step two'].slice(0, r % 3) });
  if (s.tasks.length) {
    const task = pickOf(s.tasks, r);
    out.push({ type: 'updateTask', taskId: task.taskId, status: pickOf(['open', 'in_progress', 'done', 'cancelled'] as const, r), ...(r % 2 ? { due: iso(T0 + r * 1000) } : {}) });
    if (task.checklist.length) out.push({ type: 'toggleChecklist', taskId: task.taskId, itemId: pickOf(task.checklist, r).itemId, done: r % 2 === 0 });
  }
  if (otherIds.length) out.push({ type: 'addRelation', kind: pickOf(RelationKindSchema.options, r) as RelationKind, target: pickOf(otherIds, r >> 1), note: 'Seen together' });
  if (s.relations.length) {
    const rel = pickOf(s.relations, r);
    out.push({ type: 'removeRelation', kind: rel.kind, target: rel.target });
  }
  out.push({ type: 'addEntry', kind: pickOf(EntryKindSchema.options, r), text: `Entry ${r}`, occurredAt: r % 4 === 0 ? iso(T0 - r * 1000) : null });
  const uncorrected = s.entries.filter((e) => !e.correctedBy);
  if (uncorrected.length) out.push({ type: 'correctEntry', entryId: pickOf(uncorrected, r).entryId, text: `Corrected ${r}` });
  out.push({ type: 'updateFields', fields: r % 2 ? { title: `Title ${r}` } : { services: ['Payments', `svc-${r % 4}`], major: r % 3 === 0 }, reason: '' });
  return out;
}

type Action =
  | { kind: 'create'; writer: number; gap: number }
  | { kind: 'command'; writer: number; incident: number; pick: number; r: number; gap: number }
  | { kind: 'sync'; from: number; to: number; gap: number }
  | { kind: 'unknown'; writer: number; incident: number; newerVersion: boolean; gap: number }
  | { kind: 'race'; writer: number; incident: number; what: RaceKind; pick: number; r: number; gap: number };

/** What two writers change at once in a race. */
const RACE_KINDS = ['transition', 'setPriority', 'assignRole', 'updateFields', 'setMilestone'] as const;
type RaceKind = (typeof RACE_KINDS)[number];
/** The second racer's variation: same role and milestone as the first (28 = 4 roles × 7 milestones), another person, time and impact. */
const RACE_OFFSET = 28;

const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 100, max: 120_000 }));
const idx = fc.nat({ max: 2 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), writer: idx, gap }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('command' as const), writer: idx, incident: fc.nat(), pick: fc.nat(), r: fc.nat({ max: 10_000 }), gap }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), from: idx, to: idx, gap }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unknown' as const), writer: idx, incident: fc.nat(), newerVersion: fc.boolean(), gap }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('race' as const), writer: idx, incident: fc.nat(), what: fc.constantFrom(...RACE_KINDS), pick: fc.nat(), r: fc.nat({ max: 10_000 }), gap }) },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  writerIds: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 3, size: 'max' }),
  /** Each PC's clock error; well inside the HLC's allowed drift. */
  skews: fc.array(fc.integer({ min: -90_000, max: 90_000 }), { minLength: 3, maxLength: 3 }),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 80, size: 'max' }),
  seed: fc.integer(),
});
type Scenario = { writerIds: string[]; skews: number[]; actions: Action[]; seed: number };

interface Outcome {
  events: EventEnvelope[];
  unknownIds: Set<string>;
  decided: number;
  refused: number;
}

/** Plays a scenario: each writer decides against its own folded view and syncs now and then. */
function play({ writerIds, skews, actions }: Scenario): Outcome {
  const writers = writerIds.map((id, i) => new Writer(id, { tag: `w${i}`, now: T0 + skews[i]! }));
  let wall = T0;
  const unknownIds = new Set<string>();
  let decided = 0;
  let refused = 0;
  const at = (i: number) => writers[i % writers.length]!;

  for (const a of [{ kind: 'create', writer: 0, gap: 0 } as Action, ...actions]) {
    wall += a.gap;
    writers.forEach((w, i) => (w.now = wall + skews[i]!));
    switch (a.kind) {
      case 'create':
        at(a.writer).create({ title: `Incident by ${a.writer}`, impact: ((a.gap % 3) + 1) as 1 | 2 | 3, urgency: 2 });
        break;
      case 'sync':
        at(a.to).receive(at(a.from).events());
        break;
      case 'unknown': {
        const w = at(a.writer);
        const ids = w.incidentIds();
        if (!ids.length) break;
        const stream = pickOf(ids, a.incident);
        const e = a.newerVersion
          ? w.stamp({ stream, type: 'incident.statusChanged', data: { to: 'closed', why: { v2: true } } }, CURRENT_EVENT_VERSION + 1)
          : w.stamp({ stream, type: 'incident.sentimentScored', data: { score: a.incident % 7 } });
        unknownIds.add(e.id);
        break;
      }
      case 'race': {
        // two writers change the same thing of one incident, neither seeing the other's change
        const racers = [at(a.writer), at(a.writer + 1)];
        if (racers[0] === racers[1]) break;
        const ids = racers[0]!.incidentIds().filter((id) => racers[1]!.incidentIds().includes(id));
        if (!ids.length) break;
        const id = pickOf(ids, a.incident);
        racers.forEach((w, k) => {
          const options = candidates(w.get(id), [], a.r + k * RACE_OFFSET).filter((c) => c.type === a.what);
          if (!options.length) return;
          try {
            w.run(id, pickOf(options, a.pick + k));
            decided++;
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            refused++;
          }
        });
        break;
      }
      case 'command': {
        const w = at(a.writer);
        const ids = w.incidentIds();
        if (!ids.length) break;
        const id = pickOf(ids, a.incident);
        const options = candidates(w.get(id), ids.filter((x) => x !== id), a.r);
        try {
          w.run(id, pickOf(options, a.pick));
          decided++;
        } catch (err) {
          if (!(err instanceof DomainError)) throw err; // anything else is a bug in decide()
          refused++;
        }
        break;
      }
    }
  }
  return { events: writers.flatMap((w) => w.emitted), unknownIds, decided, refused };
}

// ---------------------------------------------------------------------------------------------

describe('reducer: arrival order does not matter (property)', () => {
  it('shuffled, incremental and duplicated deliveries fold to the in-order state', () => {
    let decided = 0;
    let refused = 0;
    let sharedStreams = 0;
    let longest = 0;
    const writers = [0, 0, 0]; // runs by number of writers
    const typesSeen = new Set<string>();
    const conflictFields = new Map<string, number>(); // 'status', 'priority', 'role', 'field', 'milestone'
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const outcome = play(scenario);
        decided += outcome.decided;
        refused += outcome.refused;
        for (const e of outcome.events) typesSeen.add(e.type);
        const streams = byStream(outcome.events);
        for (const events of streams.values()) if (new Set(events.map((e) => e.writerId)).size > 1) sharedStreams++;
        longest = Math.max(longest, outcome.events.length);
        writers[scenario.writerIds.length - 1]!++;
        let k = 0;
        for (const [stream, events] of streams) {
          const seed = scenario.seed + k++;
          const inOrder = [...events].sort(compareEvents);
          const reference = foldIncident(inOrder);
          expect(reference, stream).toBeDefined();
          expect(IncidentStateSchema.safeParse(reference).success).toBe(true);
          expect(reference!.timeline.map((e) => e.id)).toEqual(inOrder.map((e) => e.id));

          // a conflict pairs a kept change with an earlier one by another writer, both on the timeline
          const position = new Map(reference!.timeline.map((e, i) => [e.id, i]));
          for (const c of reference!.conflicts) {
            expect(position.get(c.overriddenEventId)).toBeLessThan(position.get(c.eventId)!);
            expect(c.winner.writerId).not.toBe(c.loser.writerId);
            const kind = c.field.split(':')[0]!;
            conflictFields.set(kind, (conflictFields.get(kind) ?? 0) + 1);
          }

          // in order, one at a time (the cheap append path)
          expect(foldIncrementally(inOrder)).toStrictEqual(reference);

          // any arrival order, whole or one at a time (refolds on late arrivals)
          const arrival = shuffle(events, seed);
          expect(foldIncident(arrival)).toStrictEqual(reference);
          expect(foldIncrementally(arrival)).toStrictEqual(reference);

          // the same event delivered twice (a copy, as from a second peer) changes nothing
          const copies = shuffle(events, seed ^ 0x5bd1e995)
            .slice(0, 1 + (Math.abs(seed) % events.length))
            .map((e) => structuredClone(e));
          const withDuplicates = shuffle([...events, ...copies], seed + 1);
          expect(foldIncident(withDuplicates)).toStrictEqual(reference);
          expect(foldIncrementally(withDuplicates)).toStrictEqual(reference);
          expect(foldInto(reference, structuredClone(events[Math.abs(seed) % events.length]!))).toStrictEqual(reference);

          // many at once (a load, a batch from another PC), whole or in two batches
          expect(foldManyInto(undefined, withDuplicates)).toStrictEqual(reference);
          const cut = Math.abs(seed) % withDuplicates.length;
          const firstBatch = foldManyInto(undefined, withDuplicates.slice(0, cut));
          expect(foldManyInto(firstBatch, withDuplicates.slice(cut), firstBatch ? [] : withDuplicates.slice(0, cut))).toStrictEqual(reference);

          // states handed out earlier never change, though appends take long lists over instead of
          // copying them (in order and shuffled, one to three events a batch), and an earlier state
          // extended again folds as its own events say
          for (const order of [inOrder, arrival]) {
            const watched = foldWatched(order, seed);
            expect(watched.at(-1)![0]).toStrictEqual(reference);
            const [old] = watched[Math.abs(seed) % watched.length]!;
            const extra = order[order.length - 1]!;
            expect(foldInto(old, extra)).toStrictEqual(foldIncident([...old.timeline, extra]));
            for (const [state, json] of watched) expect(JSON.stringify(state)).toBe(json);
          }

          // unknown types and newer versions stay on the timeline but change no field
          const understood = events.filter((e) => !outcome.unknownIds.has(e.id));
          expect(domainFields(foldIncident(understood))).toStrictEqual(domainFields(reference));
          for (const e of events) if (outcome.unknownIds.has(e.id)) expect(reference!.timeline).toContain(e);

          // a trip through the journal (JSON + parseEvent) folds to the same state
          const reparsed = events.map((e) => {
            const p = parseEvent(JSON.parse(JSON.stringify(e)));
            if (!p.ok) throw new Error(`decide() produced an event parseEvent refuses: ${p.error}`);
            expect(p.known).toBe(isKnownEvent(e));
            return p.event;
          });
          expect(foldIncident(shuffle(reparsed, seed))).toEqual(reference);
        }
      }),
      { numRuns: 250 },
    );
    // the generator must actually exercise decide() and concurrency, not just have everything refused
    expect(decided).toBeGreaterThan(refused);
    expect([...typesSeen].sort()).toEqual([...INCIDENT_EVENT_TYPES, 'incident.sentimentScored'].sort());
    expect(sharedStreams).toBeGreaterThan(20);
    expect(longest).toBeGreaterThan(40);
    expect(writers.every((n) => n > 0)).toBe(true);
    // concurrent writers do overwrite each other, and each kind of conflict is seen (and compared above)
    for (const kind of ['status', 'priority', 'role', 'field', 'milestone']) expect(conflictFields.get(kind) ?? 0, kind).toBeGreaterThan(5);
  }, 120_000); // a few seconds alone; generous for a loaded CI machine
});

describe('reducer: examples', () => {
  function concurrentPair() {
    const a = new Writer('writer-a', { tag: 'wa' });
    const id = a.create({ impact: 1, urgency: 1 });
    const b = new Writer('writer-b', { tag: 'wb', now: T0 + 30_000 }).receive(a.events());
    a.advance(60_000).run(id, transition('acknowledged'));
    b.advance(60_000).run(id, { type: 'assignRole', role: 'coordinator', person: 'Bob' });
    a.advance(1000).run(id, { type: 'assignRole', role: 'coordinator', person: 'Alice' });
    b.advance(1000).run(id, transition('investigating'));
    return { a, b, id, all: [...a.emitted, ...b.emitted] };
  }

  it('two writers offline at once: both fold everything to the same state once synced', () => {
    const { a, b, id } = concurrentPair();
    a.receive(b.events());
    b.receive(a.events());
    expect(a.get(id)).toStrictEqual(b.get(id));
    // b's clock is 30 s ahead, so its events sort after a's
    expect(a.get(id)).toMatchObject({ status: 'investigating', roles: { coordinator: 'Bob' } });
  });

  it('version is the newest HLC, updatedAt the newest recordedAt', () => {
    const { all, id } = concurrentPair();
    const s = foldIncident(all)!;
    expect(s.id).toBe(id);
    expect(s.version).toBe(all.map((e) => e.hlc).sort().at(-1));
    expect(s.updatedAt).toBe(all.map((e) => e.recordedAt).sort().at(-1));
  });

  it('events before the creation wait, then fold in when it arrives', () => {
    const { all } = concurrentPair();
    const [created, ...rest] = [...all].sort(compareEvents);
    expect(foldIncident(rest)).toBeUndefined();
    expect(foldIncrementally([...rest.reverse(), created!])).toStrictEqual(foldIncident(all));
  });

  it('an unknown event changes no field but is on the timeline and advances version', () => {
    const w = new Writer('writer-a');
    const id = w.create();
    w.run(id, transition('acknowledged'));
    const before = w.get(id);
    const future = w.advance(5000).stamp({ stream: id, type: 'incident.sentimentScored', data: { score: 3 } });
    const newer = w.advance(5000).stamp({ stream: id, type: 'incident.statusChanged', data: { from: 'acknowledged', to: 'closed' } }, CURRENT_EVENT_VERSION + 1);
    const after = w.get(id);
    expect(domainFields(after)).toStrictEqual(domainFields(before));
    expect(after.timeline.slice(-2)).toEqual([future, newer]);
    expect(after.version).toBe(newer.hlc);
    expect(foldInto(before, future)).toMatchObject({ status: 'acknowledged', timeline: [...before.timeline, future] });
  });

  it('a second creation for the same id (id clash) changes nothing but stays visible', () => {
    const a = new Writer('writer-a', { tag: 'wa' });
    const id = a.create({ title: 'First' });
    const b = new Writer('writer-b', { tag: 'wb', now: T0 + 1000 });
    b.create({ title: 'Second' }, id);
    const s = foldIncident([...a.emitted, ...b.emitted])!;
    expect(s.title).toBe('First');
    expect(s.timeline.filter((e) => e.type === 'incident.created')).toHaveLength(2);
  });
});

describe('copies of one event id from two writers', () => {
  it('keep the copy that sorts first, whatever the arrival order', async () => {
    const { foldIncident, foldInto } = await import('../../shared/domain/reducer');
    const base = {
      stream: 'INC-2026-ABCDEF-1',
      recordedAt: '2026-03-01T10:00:00.000Z',
      actor: 'x',
      v: 1,
    };
    const created = { ...base, id: 'created-0001', type: 'incident.created', hlc: '001772359200000:0000', writerId: 'a', seq: 1, data: { title: 'T', description: '', category: '', services: [], reporter: '', source: 'phone', tags: [], exercise: false, major: false, impact: 1, urgency: 1, priority: 'P1' } };
    const entry = (writerId: string, hlc: string, text: string) => ({ ...base, id: 'breach:same-id', type: 'entry.added', hlc, writerId, seq: 2, data: { entryId: 'e1', kind: 'note', text, occurredAt: null, corrects: null } });
    const fromA = entry('a', '001772359300000:0000', 'from A');
    const fromB = entry('b', '001772359400000:0000', 'from B');
    const ab = foldInto(foldInto(foldInto(undefined, created), fromA), fromB);
    const ba = foldInto(foldInto(foldInto(undefined, created), fromB), fromA);
    expect(ab).toEqual(ba);
    expect(ab).toEqual(foldIncident([fromB, created, fromA]));
    expect(ab!.timeline.map((e) => e.writerId)).toEqual(['a', 'a']);
    expect(ab!.entries.map((e) => e.text)).toEqual(['from A']);
  });
});

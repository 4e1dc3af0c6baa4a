import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../shared/domain/incident';
import { parseBoardConfig } from '../../shared/wallboard/board-config';
import { becamePriorityAt, headlineEntry, impactStartedAt, lastUpdateAt } from '../../shared/wallboard/facts';
import { describeFilters, matchesFilters, NO_FILTERS } from '../../shared/wallboard/filters';
import { orderForBoard } from '../../shared/wallboard/order';
import { countByPriority } from '../../shared/wallboard/summary';
import { latestSignificant, significantEvents } from '../../shared/wallboard/ticker';
import { iso, T0, transition, Writer } from './helpers';

const MIN = 60_000;
const P = { P1: [1, 1], P2: [1, 2], P3: [2, 2], P4: [2, 3], P5: [3, 3] } as const;

/** One writer, incidents created at given minutes after T0. */
function board() {
  const w = new Writer('writer-wall', { tag: 'wall' });
  const make = (title: string, priority: keyof typeof P, atMin: number, extra: Parameters<Writer['create']>[0] = {}) => {
    w.now = T0 + atMin * MIN;
    return w.create({ title, impact: P[priority][0], urgency: P[priority][1], ...extra });
  };
  const at = (min: number) => {
    w.now = T0 + min * MIN;
    return w;
  };
  return { w, make, at };
}

const ids = (list: readonly IncidentState[]) => list.map((i) => i.title);

describe('board order', () => {
  it('orders by priority, then SLA risk (highest first), then age', () => {
    const { w, make } = board();
    const a = make('P3 old', 'P3', 0);
    const b = make('P1 low risk', 'P1', 50);
    const c = make('P1 high risk', 'P1', 10);
    const d = make('P2', 'P2', 5);
    const e = make('P1 no clock', 'P1', 0);
    const f = make('P3 young', 'P3', 20);
    const list = [a, b, c, d, e, f].map((id) => w.get(id));
    const risk = (i: IncidentState) => (i.id === b ? 0.2 : i.id === c ? 1.4 : i.id === e ? undefined : 0.5);
    // same priority and risk (the P3s): the longest-running impact first
    expect(ids(orderForBoard(list, { risk }))).toEqual(['P1 high risk', 'P1 low risk', 'P1 no clock', 'P2', 'P3 old', 'P3 young']);
  });

  it('breaks ties by age (impact start), then id', () => {
    const { w, make, at } = board();
    const young = make('young', 'P2', 0);
    const old = make('old', 'P2', 0);
    at(1).run(old, { type: 'setMilestone', milestone: 'impactStarted', at: iso(T0 - 60 * MIN), reason: 'From monitoring' });
    expect(ids(orderForBoard([w.get(young), w.get(old)]))).toEqual(['old', 'young']);
    const twin = make('twin', 'P2', 0);
    expect(ids(orderForBoard([w.get(twin), w.get(young)]))).toEqual(['young', 'twin']); // same start: by id
  });

  it('never lets risk outrank priority', () => {
    const { w, make } = board();
    const y = make('P2 breached', 'P2', 30);
    const p1 = make('P1', 'P1', 40);
    const risk = (i: IncidentState) => (i.id === y ? 5 : 0.1);
    expect(ids(orderForBoard([w.get(y), w.get(p1)], { risk }))[0]).toBe('P1');
  });

  it('is a stable total order (input order does not matter)', () => {
    const { w, make } = board();
    const list = ['P3', 'P1', 'P2', 'P1', 'P5', 'P4', 'P3'].map((p, i) => w.get(make(`#${i}`, p as keyof typeof P, i % 3)));
    const once = ids(orderForBoard(list));
    expect(ids(orderForBoard([...list].reverse()))).toEqual(once);
  });
});

describe('incident facts', () => {
  it('impact starts at the milestone, else at creation', () => {
    const { w, make, at } = board();
    const id = make('x', 'P2', 0);
    expect(impactStartedAt(w.get(id))).toBe(iso(T0));
    at(5).run(id, { type: 'setMilestone', milestone: 'impactStarted', at: iso(T0 - 30 * MIN), reason: 'Logs' });
    expect(impactStartedAt(w.get(id))).toBe(iso(T0 - 30 * MIN));
  });

  it('the headline is the latest stakeholder update, else the latest entry, with corrections applied', () => {
    const { w, make, at } = board();
    const id = make('x', 'P2', 0);
    expect(headlineEntry(w.get(id))).toBeUndefined();
    at(2).run(id, { type: 'addEntry', kind: 'note', text: 'Looking at logs' });
    expect(headlineEntry(w.get(id))).toMatchObject({ kind: 'note', text: 'Looking at logs' });
    at(3).run(id, { type: 'addEntry', kind: 'status_update', text: 'Customers affected: EU' });
    at(4).run(id, { type: 'addEntry', kind: 'note', text: 'Later note' });
    expect(headlineEntry(w.get(id))).toMatchObject({ kind: 'status_update', text: 'Customers affected: EU', at: iso(T0 + 3 * MIN) });
    const update = w.get(id).entries.find((e) => e.kind === 'status_update')!;
    at(9).run(id, { type: 'correctEntry', entryId: update.entryId, text: 'Customers affected: EU and UK' });
    // the correction changes the text, not when stakeholders heard
    expect(headlineEntry(w.get(id))).toMatchObject({ text: 'Customers affected: EU and UK', at: iso(T0 + 3 * MIN) });
    expect(lastUpdateAt(w.get(id))).toBe(iso(T0 + 3 * MIN));
  });

  it('knows when an incident became P1', () => {
    const { w, make, at } = board();
    const born = make('born P1', 'P1', 0);
    expect(becamePriorityAt(w.get(born), 'P1')).toBe(iso(T0));
    const raised = make('raised', 'P3', 0);
    expect(becamePriorityAt(w.get(raised), 'P1')).toBeUndefined();
    at(10).run(raised, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Spreading' });
    expect(becamePriorityAt(w.get(raised), 'P1')).toBe(iso(T0 + 10 * MIN));
    at(20).run(raised, { type: 'setPriority', impact: 2, urgency: 2, reason: 'Contained' });
    at(30).run(raised, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Back' });
    expect(becamePriorityAt(w.get(raised), 'P1')).toBe(iso(T0 + 30 * MIN));
  });
});

describe('board filters and parameters', () => {
  it('parses URL parameters leniently', () => {
    const c = parseBoardConfig(new URLSearchParams('team=Network,Platform&location=madrid&category=Network&exercise=exclude&priority=p1,P2,P9&theme=high-contrast&motion=reduced&rotate=30&scale=1.2'));
    expect(c.filters).toEqual({ teams: ['Network', 'Platform'], locations: ['madrid'], categories: ['Network'], exercise: 'exclude', priorities: ['P1', 'P2'] });
    expect(c).toMatchObject({ theme: 'high-contrast', reducedMotion: true, rotateSeconds: 30, scale: 1.2 });
    const d = parseBoardConfig(new URLSearchParams('rotate=1&theme=pink&exercise=maybe'));
    expect(d).toMatchObject({ theme: undefined, reducedMotion: false, rotateSeconds: 2, scale: 1, boardKey: 'all', filters: NO_FILTERS });
    expect(parseBoardConfig(new URLSearchParams('')).rotateSeconds).toBe(15);
    expect(parseBoardConfig(new URLSearchParams('board=north')).boardKey).toBe('north');
    // boards with the same filters share acknowledgements; different filters do not
    expect(parseBoardConfig(new URLSearchParams('priority=P2,P1')).boardKey).toBe(parseBoardConfig(new URLSearchParams('priority=P1,P2')).boardKey);
    expect(parseBoardConfig(new URLSearchParams('priority=P1')).boardKey).not.toBe(parseBoardConfig(new URLSearchParams('priority=P2')).boardKey);
    // the benchmark baseline switch, off unless asked for exactly
    expect(parseBoardConfig(new URLSearchParams('bench=rerender-all')).rerenderAll).toBe(true);
    expect(parseBoardConfig(new URLSearchParams('bench=1')).rerenderAll).toBe(false);
  });

  it('matches team, location (services), category, exercise and priority', () => {
    const { w, make, at } = board();
    const a = make('a', 'P1', 0, { services: ['Madrid DC', 'Payments'], category: 'Network' });
    at(1).run(a, { type: 'joinResponder', person: 'Ana', team: 'Network' });
    const b = make('b', 'P3', 0, { services: ['Valencia office'], category: 'Facilities', exercise: true });
    const [sa, sb] = [w.get(a), w.get(b)];
    const f = (q: string) => parseBoardConfig(new URLSearchParams(q)).filters;
    const pick = (q: string) => [sa, sb].filter((i) => matchesFilters(i, f(q))).map((i) => i.title);
    expect(pick('')).toEqual(['a', 'b']);
    expect(pick('team=network')).toEqual(['a']);
    expect(pick('location=madrid')).toEqual(['a']);
    expect(pick('location=valencia,madrid')).toEqual(['a', 'b']);
    expect(pick('category=facilities')).toEqual(['b']);
    expect(pick('exercise=only')).toEqual(['b']);
    expect(pick('exercise=exclude')).toEqual(['a']);
    expect(pick('priority=P2,P3')).toEqual(['b']);
    expect(pick('priority=P1&location=valencia')).toEqual([]);
    at(2).run(a, { type: 'leaveResponder', person: 'Ana' });
    expect(matchesFilters(w.get(a), f('team=network'))).toBe(false);
    expect(describeFilters(f('team=Network&priority=P1,P2&exercise=exclude'))).toBe('Team Network · Priority P1, P2 · Exercises excluded');
  });
});

describe('ticker and summary', () => {
  it('lists significant changes newest first across incidents', () => {
    const { w, make, at } = board();
    const a = make('Card payments failing', 'P2', 0, { major: false });
    at(1).run(a, transition('acknowledged'));
    at(2).run(a, { type: 'assignRole', role: 'coordinator', person: 'Ana' });
    at(3).run(a, { type: 'addEntry', kind: 'note', text: 'not significant' });
    at(4).run(a, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Worse' });
    const b = make('VPN down', 'P3', 5);
    at(6).run(a, { type: 'assignRole', role: 'coordinator', person: 'Bo' });
    at(7).run(a, { type: 'updateFields', fields: { major: true } });
    at(8).run(a, { type: 'updateFields', fields: { title: 'Card payments failing (EU)' } });
    expect(significantEvents(w.get(b)).map((t) => t.text)).toEqual(['New P3: VPN down']);
    const items = latestSignificant([w.get(a), w.get(b)], 10);
    expect(items.map((t) => t.text)).toEqual([
      'Declared a major incident',
      'Incident coordinator handover: Ana → Bo',
      'New P3: VPN down',
      'Raised P2 → P1',
      'Incident coordinator: Ana',
      'New → Acknowledged',
      'New P2: Card payments failing',
    ]);
    expect(items[0]).toMatchObject({ incidentId: a, priority: 'P1', kind: 'major' });
    expect(latestSignificant([w.get(a), w.get(b)], 2)).toHaveLength(2);
  });

  it('keeps the newest items across many incidents, as a full sort would', () => {
    const { w, make, at } = board();
    const ids = Array.from({ length: 12 }, (_, i) => make(`#${i}`, (['P1', 'P2', 'P3'] as const)[i % 3]!, i % 5));
    ids.forEach((id, i) => {
      at(10 + (i % 4)).run(id, { type: 'assignRole', role: 'coordinator', person: `P${i}` });
      if (i % 2) at(12).run(id, transition('acknowledged'));
    });
    const list = ids.map((id) => w.get(id));
    for (const limit of [1, 3, 6, 50]) {
      const naive = list
        .flatMap((i) => significantEvents(i).slice(-limit))
        .sort((a, b) => (a.atMs === b.atMs ? (a.key < b.key ? 1 : -1) : b.atMs - a.atMs))
        .slice(0, limit);
      expect(latestSignificant(list, limit).map((t) => t.key)).toEqual(naive.map((t) => t.key));
    }
  });

  it('counts by priority', () => {
    const { w, make } = board();
    const list = ['P1', 'P3', 'P3'].map((p, i) => w.get(make(`${i}`, p as keyof typeof P, 0)));
    expect(countByPriority(list)).toEqual({ P1: 1, P2: 0, P3: 2, P4: 0, P5: 0 });
  });
});

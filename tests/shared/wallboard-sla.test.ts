import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeClocks, nextChangeAt } from '../../shared/sla/clocks';
import { DEFAULT_SLA_POLICY } from '../../shared/sla/defaults';
import { describeClock } from '../../shared/sla/describe';
import { attentionCandidates, attentionKinds, attentionReasons } from '../../shared/wallboard/attention';
import { buildBoard } from '../../shared/wallboard/board-model';
import { boardSla, evaluateBoardSla, nextChangeFrom, riskAt, shownClock, summariseSla } from '../../shared/wallboard/sla';
import { T0, transition, Writer } from './helpers';

/*
 * T0 is Monday 2 March 2026, 09:00 UTC (09:00 in London: office hours). Default SLA policy:
 * P1 acknowledge 5 min, first update 15, update cadence 30 (24×7); P4 targets run on the London
 * office calendar; P5 has no update cadence. Warnings at 75 % and 90 %.
 */
const MIN = 60_000;
const LEVELS = { P1: [1, 1], P2: [1, 2], P3: [2, 2], P4: [2, 3], P5: [3, 3] } as const;

function board() {
  const w = new Writer('writer-wall', { tag: 'wall' });
  const make = (title: string, priority: keyof typeof LEVELS, atMin: number, extra: Parameters<Writer['create']>[0] = {}) => {
    w.now = T0 + atMin * MIN;
    return w.create({ title, impact: LEVELS[priority][0], urgency: LEVELS[priority][1], ...extra });
  };
  const at = (min: number) => {
    w.now = T0 + min * MIN;
    return w;
  };
  return { w, make, at };
}

const update = { type: 'addEntry', kind: 'status_update', text: 'Stakeholders informed' } as const;

describe('board SLA evaluation', () => {
  it('counts down the nearest clock, turns amber at a warning and red at a breach', () => {
    const { w, make } = board();
    const id = make('Radio down', 'P1', 0);
    const s1 = evaluateBoardSla(w.get(id), T0 + MIN);
    expect(s1.shown?.target).toBe('acknowledge');
    expect(describeClock(s1.shown!, T0 + MIN)).toBe('acknowledge due in 4 min');
    expect(s1.tone).toBe('ok');
    expect(s1.risk).toBeCloseTo(0.2);
    // nothing changes before 75 % of the 5-minute acknowledge target
    expect(s1.validUntil).toBe(T0 + 3.75 * MIN);

    const s2 = evaluateBoardSla(w.get(id), T0 + 4 * MIN);
    expect(s2).toMatchObject({ tone: 'warning', overdue: undefined, breaches: [] });
    expect(describeClock(s2.shown!, T0 + 4 * MIN)).toBe('acknowledge due in 1 min');

    const s3 = evaluateBoardSla(w.get(id), T0 + 17 * MIN);
    expect(s3.tone).toBe('breached');
    expect(s3.shown?.target).toBe('acknowledge'); // the earliest breach
    expect(describeClock(s3.shown!, T0 + 17 * MIN)).toBe('acknowledge breached 12 min ago');
    expect(s3.breaches.map((c) => c.target)).toEqual(['acknowledge']);
    expect(s3.overdue?.target).toBe('firstUpdate'); // 15 min without a stakeholder update
  });

  it('marks the update overdue from the SLA update clock: first update, then the cadence', () => {
    const { w, make, at } = board();
    const id = make('Radio down', 'P1', 0);
    at(1).run(id, transition('acknowledged'));
    expect(evaluateBoardSla(w.get(id), T0 + 14 * MIN).overdue).toBeUndefined();
    expect(evaluateBoardSla(w.get(id), T0 + 16 * MIN).overdue).toMatchObject({ target: 'firstUpdate', cycle: 0 });
    at(20).run(id, update);
    // the first update was late (met late), the cadence now runs from it: not overdue
    const after = evaluateBoardSla(w.get(id), T0 + 21 * MIN);
    expect(after.overdue).toBeUndefined();
    expect(after.shown?.target).toBe('update');
    expect(describeClock(after.shown!, T0 + 21 * MIN)).toBe('update due in 29 min');
    const late = evaluateBoardSla(w.get(id), T0 + 51 * MIN);
    expect(late.overdue).toMatchObject({ target: 'update', cycle: 20 * 60 });
    expect(late.breaches).toEqual([]); // the update clock is the overdue mark, not a separate breach
    // a note is not a stakeholder update
    at(52).run(id, { type: 'addEntry', kind: 'note', text: 'Looking' });
    expect(evaluateBoardSla(w.get(id), T0 + 53 * MIN).overdue?.target).toBe('update');
  });

  it('never marks an update overdue without a cadence once the first update is out', () => {
    const { w, make, at } = board();
    const id = make('Kettle', 'P5', 0);
    at(1).run(id, transition('acknowledged'));
    at(2).run(id, update);
    for (const days of [1, 5, 30]) expect(evaluateBoardSla(w.get(id), T0 + days * 1440 * MIN).overdue).toBeUndefined();
  });

  it('shows no clock for a cancelled incident', () => {
    const { w, make, at } = board();
    const id = make('Duplicate', 'P1', 0);
    at(1).run(id, transition('cancelled', { reason: 'Duplicate' }));
    expect(evaluateBoardSla(w.get(id), T0 + 60 * MIN)).toMatchObject({ shown: undefined, tone: 'ok', risk: undefined, validUntil: Infinity });
  });

  it('keeps the same evaluation object until a clock changes state or the incident changes', () => {
    const { w, make, at } = board();
    const id = make('Radio down', 'P1', 0);
    const incident = w.get(id); // incident states are immutable snapshots: the cache keys on identity
    const first = boardSla(incident, T0 + MIN);
    expect(boardSla(incident, T0 + 2 * MIN)).toBe(first);
    expect(boardSla(incident, first.validUntil - 1)).toBe(first);
    const next = boardSla(incident, first.validUntil);
    expect(next).not.toBe(first);
    expect(next.tone).toBe('warning');
    expect(boardSla(incident, T0 + 4 * MIN)).toBe(next);
    at(4).run(id, transition('acknowledged'));
    expect(boardSla(w.get(id), T0 + 4 * MIN)).not.toBe(next);
  });

  it('extrapolates the risk to a common instant within the evaluation', () => {
    const { w, make, at } = board();
    const id = make('Radio down', 'P1', 0);
    at(1).run(id, transition('acknowledged'));
    const s = evaluateBoardSla(w.get(id), T0 + 2 * MIN); // first update: 2 of 15 min
    expect(riskAt(s, T0 + 2 * MIN)).toBeCloseTo(2 / 15);
    expect(riskAt(s, T0 + 5 * MIN)).toBeCloseTo(evaluateBoardSla(w.get(id), T0 + 5 * MIN).risk!);
  });

  it('picks the clock that explains the colour: breached, then warning, then the nearest', () => {
    const { w, make, at } = board();
    const id = make('Payments', 'P2', 0);
    at(1).run(id, transition('acknowledged'));
    // at 25 min: first update (30) at 83 % — warning; mitigation (240) running
    const clocks = evaluateBoardSla(w.get(id), T0 + 25 * MIN).clocks;
    expect(shownClock(clocks)?.target).toBe('firstUpdate');
    expect(shownClock([])).toBeUndefined();
  });

  it("finds the next change exactly as the engine's nextChangeAt, from the clocks it already has", () => {
    const { w, make, at } = board();
    const ids = (['P1', 'P2', 'P3', 'P4', 'P5'] as const).flatMap((p, i) => {
      const a = make(`${p} new`, p, i);
      const b = make(`${p} progressing`, p, i);
      at(20 + i).run(b, transition('investigating'));
      at(40 + i).run(b, update);
      at(70 + i).run(b, transition('on_hold', { reason: 'Waiting for the vendor' }));
      return [a, b];
    });
    const list = ids.map((id) => w.get(id));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 * 24 * 60 }), fc.integer({ min: 0, max: list.length - 1 }), (minutes, k) => {
        const now = T0 + minutes * MIN + (k * 7919) % MIN;
        const clocks = computeClocks(list[k]!, DEFAULT_SLA_POLICY, now);
        expect(nextChangeFrom(DEFAULT_SLA_POLICY, clocks, now)).toBe(nextChangeAt(list[k]!, DEFAULT_SLA_POLICY, now));
      }),
      { numRuns: 400 },
    );
  });

  it('sums breaching and near-breach incidents and the next change', () => {
    const { w, make } = board();
    const a = make('a', 'P1', 0);
    const b = make('b', 'P1', 2);
    const c = make('c', 'P3', 4);
    const now = T0 + 6 * MIN;
    const slas = [a, b, c].map((id) => evaluateBoardSla(w.get(id), now));
    const sum = summariseSla(slas);
    expect(sum).toMatchObject({ breaching: 1, nearBreach: 1 }); // a: ack breached at 5; b: ack at 80 %
    expect(sum.nextChangeAt).toBe(Math.min(...slas.map((s) => s.validUntil)));
  });
});

describe('board model', () => {
  it('orders by priority, then SLA risk, then age; pins P1s and breaches', () => {
    const { w, make, at } = board();
    const calm = make('P1 acknowledged, updated', 'P1', 0);
    at(1).run(calm, transition('acknowledged'));
    at(2).run(calm, update);
    const urgent = make('P1 not acknowledged', 'P1', 3);
    const old = make('P3 old', 'P3', 0);
    const young = make('P3 young', 'P3', 5);
    const breached = make('P2 breached', 'P2', 0); // acknowledge 15 min: breached at 20
    const list = [calm, urgent, old, young, breached].map((id) => w.get(id));
    const m = buildBoard(list, T0 + 20 * MIN);
    expect(m.ordered.map((i) => i.title)).toEqual(['P1 not acknowledged', 'P1 acknowledged, updated', 'P2 breached', 'P3 old', 'P3 young']);
    expect([...m.pinned].map((id) => w.get(id).title).sort()).toEqual(['P1 acknowledged, updated', 'P1 not acknowledged', 'P2 breached']);
    expect(m.counts).toEqual({ P1: 2, P2: 1, P3: 2, P4: 0, P5: 0 });
    // breaching: the two unacknowledged P1/P2 past their acknowledge target; nothing at a warning level
    expect(m.summary).toMatchObject({ breaching: 2, nearBreach: 0 });
    expect(m.major).toBeUndefined();
  });

  it('reuses evaluations between rebuilds; a fresh model evaluates again', () => {
    const { w, make } = board();
    const list = [make('a', 'P1', 0), make('b', 'P2', 0)].map((id) => w.get(id));
    // within the first evaluation's validity (P1 acknowledge warns at 3.75 min)
    const m1 = buildBoard(list, T0 + MIN);
    const m2 = buildBoard(list, T0 + 2 * MIN);
    expect(m2.sla.get(list[0]!.id)).toBe(m1.sla.get(list[0]!.id));
    expect(buildBoard(list, T0 + 2 * MIN, { fresh: true }).sla.get(list[0]!.id)).not.toBe(m1.sla.get(list[0]!.id));
    expect(buildBoard([], T0).ordered).toEqual([]);
  });
});

describe('attention rules', () => {
  it('asks for attention for a new P1 until acknowledged', () => {
    const { w, make } = board();
    const id = make('p1', 'P1', 0);
    const s = w.get(id);
    const sla = evaluateBoardSla(s, T0 + MIN);
    const reasons = attentionReasons(s, sla, new Set());
    expect(reasons.map((r) => r.kind)).toEqual(['new-p1']);
    expect(attentionReasons(s, sla, new Set(reasons.map((r) => r.key)))).toEqual([]);
  });

  it('asks for each breach and for an overdue update, even after the P1 was acknowledged', () => {
    const { w, make, at } = board();
    const id = make('p1', 'P1', 0);
    const acked = new Set(attentionReasons(w.get(id), evaluateBoardSla(w.get(id), T0), new Set()).map((r) => r.key));
    const at16 = evaluateBoardSla(w.get(id), T0 + 16 * MIN);
    const reasons = attentionReasons(w.get(id), at16, acked);
    expect(reasons.map((r) => [r.kind, r.label])).toEqual([
      ['breach', 'Acknowledge breached'],
      ['overdue', 'Update overdue'],
    ]);
    expect(attentionKinds(reasons)).toBe('breach overdue');
    for (const r of reasons) acked.add(r.key);
    expect(attentionReasons(w.get(id), at16, acked)).toEqual([]);
    // a new update, then the cadence runs out: a new occurrence asks again
    at(17).run(id, transition('acknowledged'));
    at(18).run(id, update);
    expect(attentionReasons(w.get(id), evaluateBoardSla(w.get(id), T0 + 30 * MIN), acked)).toEqual([]);
    expect(attentionReasons(w.get(id), evaluateBoardSla(w.get(id), T0 + 49 * MIN), acked).map((r) => r.kind)).toEqual(['overdue']);
  });

  it('asks again when an incident is raised to P1 a second time', () => {
    const { w, make, at } = board();
    const id = make('x', 'P2', 0);
    at(1).run(id, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Worse' });
    const acked = new Set(attentionCandidates(w.get(id), undefined).map((r) => r.key));
    at(3).run(id, { type: 'setPriority', impact: 1, urgency: 2, reason: 'Better' });
    expect(attentionReasons(w.get(id), undefined, acked)).toEqual([]);
    at(5).run(id, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Worse again' });
    expect(attentionReasons(w.get(id), undefined, acked).map((r) => r.kind)).toEqual(['new-p1']);
  });

  it('never asks for a calm lower-priority incident, nor for an inactive one', () => {
    const { w, make, at } = board();
    const p4 = make('p4', 'P4', 0);
    at(1).run(p4, transition('acknowledged'));
    at(2).run(p4, update);
    expect(attentionCandidates(w.get(p4), evaluateBoardSla(w.get(p4), T0 + 10 * MIN))).toEqual([]);
    const p1 = make('p1', 'P1', 0);
    at(1).run(p1, transition('cancelled', { reason: 'Duplicate' }));
    expect(attentionCandidates(w.get(p1), evaluateBoardSla(w.get(p1), T0 + 1000 * MIN))).toEqual([]);
  });
});

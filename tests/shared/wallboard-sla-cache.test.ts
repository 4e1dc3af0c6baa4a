import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boardSla, evaluateBoardSla, type BoardSla } from '../../shared/wallboard/sla';
import { T0, transition, Writer } from './helpers';

/*
 * The board caches an incident's SLA evaluation until `validUntil`. Whatever it shows from the
 * cache must be what a fresh evaluation would show: same states, warning levels, tone, clock.
 */
const MIN = 60_000;
const LEVELS = { P1: [1, 1], P2: [1, 2], P3: [2, 2], P4: [2, 3], P5: [3, 3] } as const;

/** What the board shows of an evaluation, apart from the moving countdown arithmetic. */
const picture = (s: BoardSla) => ({
  tone: s.tone,
  shown: s.shown?.target,
  overdue: s.overdue?.target,
  breaches: s.breaches.map((c) => c.target),
  clocks: s.clocks.map((c) => `${c.target}:${c.state}:${c.warningLevel}:${c.cycle}`),
});

/** Each priority twice: untouched, and worked on (investigating, an update, on hold). */
function incidents() {
  const w = new Writer('writer-wall', { tag: 'wall' });
  const ids = (['P1', 'P2', 'P3', 'P4', 'P5'] as const).flatMap((p, i) => {
    w.now = T0 + i * MIN;
    const a = w.create({ title: `${p} untouched`, impact: LEVELS[p][0], urgency: LEVELS[p][1] });
    const b = w.create({ title: `${p} worked on`, impact: LEVELS[p][0], urgency: LEVELS[p][1] });
    w.now = T0 + (20 + i) * MIN;
    w.run(b, transition('investigating'));
    w.now = T0 + (40 + i) * MIN;
    w.run(b, { type: 'addEntry', kind: 'status_update', text: 'Stakeholders informed' });
    w.now = T0 + (70 + i) * MIN;
    w.run(b, transition('on_hold', { reason: 'Waiting for the vendor' }));
    return [a, b];
  });
  return { w, list: ids.map((id) => w.get(id)) };
}

describe('board SLA cache', () => {
  it('holds the same picture everywhere in [at, validUntil), also before the incident’s recorded times', () => {
    const { list } = incidents();
    fc.assert(
      fc.property(
        // from before the first creation (a PC whose clock runs behind the writer's) to two weeks on
        fc.integer({ min: -30, max: 14 * 24 * 60 }),
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        fc.integer({ min: 0, max: list.length - 1 }),
        (m1, dm, k) => {
          const incident = list[k]!;
          const first = evaluateBoardSla(incident, T0 + m1 * MIN);
          const later = Math.min(first.validUntil - 1, first.at + dm * MIN);
          expect(picture(evaluateBoardSla(incident, later))).toEqual(picture(first));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('starts the clocks of an incident stamped ahead of this PC’s clock when that moment arrives', () => {
    // another PC, 2 minutes ahead, creates a P1
    const ahead = new Writer('writer-ahead', { tag: 'ahead', now: T0 + 2 * MIN });
    const id = ahead.create({ title: 'Radio down', impact: 1, urgency: 1 });
    const incident = ahead.get(id);

    const before = boardSla(incident, T0);
    expect(before.shown).toBeUndefined();
    expect(before.validUntil).toBe(T0 + 2 * MIN);

    const started = boardSla(incident, T0 + 2 * MIN);
    expect(started).not.toBe(before);
    expect(started.shown?.target).toBe('acknowledge');
  });
});

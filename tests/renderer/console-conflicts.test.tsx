// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conflict } from '../../shared/domain/conflicts';
import type { IncidentCommandInput } from '../../shared/domain/commands';
import { CONFLICT_MARK, describeConflict } from '../../renderer/src/features/console/conflict-sentence';
import { buildTimeline, type TimelineItem } from '../../renderer/src/features/console/timeline-model';
import { TimelineChange } from '../../renderer/src/features/console/TimelineChange';
import { buildIncidentReport } from '../../renderer/src/features/reports/incident-report-model';
import { reportTime } from '../../renderer/src/features/reports/report-time';
import { DEFAULT_PRIORITY_MATRIX } from '../../shared/domain/priority';
import { runAll, transition, Writer } from '../shared/helpers';

const time = (iso: string) => iso.slice(11, 16);
const DESKS: Record<string, string> = { 'writer-a': 'Desk A', 'writer-b': 'Desk B' };
const ctx = { time, writerName: (id: string) => DESKS[id] };

/** Ana Ruiz at desk A and Bo Chen at desk B (clock ahead: his change is kept) each change the incident unaware of the other. */
function race(cmdA: IncidentCommandInput, cmdB: IncidentCommandInput, setup: IncidentCommandInput[] = []) {
  const a = new Writer('writer-a', { tag: 'wa', actor: 'Ana Ruiz' });
  const id = a.create();
  runAll(a, id, setup);
  const b = new Writer('writer-b', { tag: 'wb', actor: 'Bo Chen', now: a.now + 30_000 }).receive(a.events());
  a.advance(60_000).run(id, cmdA);
  const [kept] = b.advance(60_000).run(id, cmdB);
  return { state: a.receive(b.events()).get(id), kept: kept! };
}

const on = (state: { conflicts: Conflict[] }) => state.conflicts[0]!;

describe('concurrent change sentences', () => {
  it('names both people with their desks, the time, and which value was kept', () => {
    const { state } = race(transition('on_hold', { reason: 'Carrier' }), transition('resolved', { resolution: { summary: 'Rebooted', code: 'Fixed' } }), [transition('investigating')]);
    const c = on(state);
    expect(describeConflict(c, ctx)).toBe(`Ana Ruiz (Desk A) and Bo Chen (Desk B) both changed the status at ${time(c.at)} — Resolved (later) kept, On hold overridden`);
  });

  it('falls back to the person alone when a writer is not in the presence list', () => {
    const { state } = race(transition('acknowledged'), transition('investigating'));
    const c = on(state);
    expect(describeConflict(c, { time, writerName: () => undefined })).toBe(
      `Ana Ruiz and Bo Chen both changed the status at ${time(c.at)} — Investigating (later) kept, Acknowledged overridden`,
    );
  });

  it.each<[string, IncidentCommandInput, IncidentCommandInput, IncidentCommandInput[], string]>([
    ['priority', { type: 'setPriority', impact: 1, urgency: 1, reason: 'x' }, { type: 'setPriority', impact: 3, urgency: 3, override: 'P2', reason: 'y' }, [], 'the priority at TIME — P2 (override) (later) kept, P1 (impact 1 × urgency 1) overridden'],
    ['role', { type: 'releaseRole', role: 'coordinator' }, { type: 'assignRole', role: 'coordinator', person: 'Dev' }, [{ type: 'assignRole', role: 'coordinator', person: 'Carla' }], 'the Incident coordinator role at TIME — Dev (later) kept, vacant overridden'],
    ['field', { type: 'updateFields', fields: { services: ['Radio'] } }, { type: 'updateFields', fields: { services: [] } }, [], 'the affected services at TIME — (none) (later) kept, Radio overridden'],
    ['title', { type: 'updateFields', fields: { title: 'Radio down' } }, { type: 'updateFields', fields: { title: 'Radio and phones down' } }, [], 'the title at TIME — “Radio and phones down” (later) kept, “Radio down” overridden'],
    [
      'milestone',
      { type: 'setMilestone', milestone: 'impactStarted', at: '2026-03-02T08:30:00.000Z', reason: 'x' },
      { type: 'setMilestone', milestone: 'impactStarted', at: null, reason: 'y' },
      [],
      'the Impact started time at TIME — cleared (later) kept, 08:30 overridden',
    ],
  ])('%s', (_name, cmdA, cmdB, setup, tail) => {
    const c = on(race(cmdA, cmdB, setup).state);
    expect(describeConflict(c, ctx)).toBe(`Ana Ruiz (Desk A) and Bo Chen (Desk B) both changed ${tail.replace('TIME', time(c.at))}`);
  });
});

describe('on the timeline', () => {
  afterEach(cleanup);

  it('marks the kept change’s row only', () => {
    const { state, kept } = race(transition('acknowledged'), transition('investigating'));
    const items = buildTimeline(state, time, ctx.writerName);
    const marked = items.filter((i) => i.type === 'change' && i.conflicts);
    expect(marked.map((i) => i.key)).toEqual([kept.id]);
    expect((marked[0] as Extract<TimelineItem, { type: 'change' }>).conflicts).toEqual([describeConflict(on(state), ctx)]);
  });

  it('shows the mark as text with an icon, not colour alone', () => {
    const { state, kept } = race(transition('acknowledged'), transition('investigating'));
    const item = buildTimeline(state, time, ctx.writerName).find((i) => i.key === kept.id) as Extract<TimelineItem, { type: 'change' }>;
    render(
      <ol>
        <TimelineChange item={item} />
      </ol>,
    );
    const note = screen.getByRole('note');
    expect(note.textContent).toContain(`${CONFLICT_MARK}:`);
    expect(note.textContent).toContain('Ana Ruiz (Desk A) and Bo Chen (Desk B) both changed the status');
    expect(note.querySelector('[aria-hidden="true"]')?.textContent).toBe('⇄');
    expect(screen.getByRole('listitem').className).toContain('is-conflict');
  });

  it('reads the same in the incident report', () => {
    const { state, kept } = race(transition('acknowledged'), transition('investigating'));
    const time = reportTime('UTC');
    const model = buildIncidentReport(state, { now: Date.parse(state.updatedAt), time, matrix: DEFAULT_PRIORITY_MATRIX, writerName: ctx.writerName });
    const row = model.timeline.find((i) => i.key === kept.id) as Extract<TimelineItem, { type: 'change' }>;
    expect(row.conflicts).toEqual([describeConflict(on(state), { time: (iso) => time.dateTime(iso), writerName: ctx.writerName })]);
    expect(row.conflicts![0]).toMatch(/^Ana Ruiz \(Desk A\) and Bo Chen \(Desk B\) both changed the status at /);
  });
});

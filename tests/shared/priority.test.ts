import { describe, expect, it } from 'vitest';
import { IncidentCommandSchema } from '../../shared/domain/commands';
import {
  DEFAULT_PRIORITY_MATRIX,
  PriorityMatrixSchema,
  priorityFor,
  priorityRank,
  type Level,
  type Priority,
  type PriorityMatrix,
} from '../../shared/domain/priority';
import { expectRule, Writer } from './helpers';

/** ServiceNow's default impact × urgency matrix, cell by cell. */
const SERVICENOW: Array<[impact: Level, urgency: Level, priority: Priority]> = [
  [1, 1, 'P1'],
  [1, 2, 'P2'],
  [1, 3, 'P3'],
  [2, 1, 'P2'],
  [2, 2, 'P3'],
  [2, 3, 'P4'],
  [3, 1, 'P3'],
  [3, 2, 'P4'],
  [3, 3, 'P5'],
];

/** An organisation that only distinguishes "urgent" from the rest. */
const FLAT: PriorityMatrix = [
  ['P1', 'P1', 'P4'],
  ['P2', 'P2', 'P4'],
  ['P5', 'P5', 'P5'],
];

describe('priority matrix', () => {
  it.each(SERVICENOW)('default: impact %i × urgency %i → %s', (impact, urgency, priority) => {
    expect(priorityFor(impact, urgency)).toBe(priority);
    expect(priorityFor(impact, urgency, DEFAULT_PRIORITY_MATRIX)).toBe(priority);
  });

  it.each(SERVICENOW)('a new incident with impact %i × urgency %i is %s', (impact, urgency, priority) => {
    const w = new Writer('writer-a');
    const id = w.create({ impact, urgency });
    expect(w.get(id)).toMatchObject({ impact, urgency, priority, priorityOverride: null });
  });

  it('honours a custom matrix in priorityFor, on create and on setPriority', () => {
    expect(PriorityMatrixSchema.parse(FLAT)).toEqual(FLAT);
    expect(priorityFor(1, 2, FLAT)).toBe('P1');
    expect(priorityFor(3, 1, FLAT)).toBe('P5');
    const w = new Writer('writer-a', { matrix: FLAT });
    const id = w.create({ impact: 1, urgency: 2 });
    expect(w.get(id).priority).toBe('P1');
    w.run(id, { type: 'setPriority', impact: 2, urgency: 3, reason: 'Workaround found' });
    expect(w.get(id)).toMatchObject({ impact: 2, urgency: 3, priority: 'P4' });
  });

  it('refuses malformed matrices', () => {
    expect(PriorityMatrixSchema.safeParse([['P1', 'P2'], ['P2', 'P3'], ['P3', 'P4']]).success).toBe(false);
    expect(PriorityMatrixSchema.safeParse([['P1', 'P2', 'P3'], ['P2', 'P3', 'P4']]).success).toBe(false);
    expect(PriorityMatrixSchema.safeParse([['P1', 'P2', 'P3'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P9']]).success).toBe(false);
  });

  it('ranks P1 highest', () => {
    expect(['P3', 'P1', 'P5', 'P2', 'P4'].sort((a, b) => priorityRank(a as Priority) - priorityRank(b as Priority))).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
  });
});

describe('setPriority', () => {
  it('re-derives the priority from the matrix and records the reason', () => {
    const w = new Writer('writer-a');
    const id = w.create({ impact: 3, urgency: 3 });
    const [e] = w.run(id, { type: 'setPriority', impact: 1, urgency: 1, reason: 'Whole site down' });
    expect(e).toMatchObject({ type: 'incident.priorityChanged', data: { impact: 1, urgency: 1, override: null, priority: 'P1', reason: 'Whole site down' } });
    expect(w.get(id)).toMatchObject({ impact: 1, urgency: 1, priority: 'P1', priorityOverride: null });
  });

  it('records an override and keeps impact and urgency as assessed', () => {
    const w = new Writer('writer-a');
    const id = w.create({ impact: 3, urgency: 3 });
    const [e] = w.run(id, { type: 'setPriority', impact: 3, urgency: 3, override: 'P2', reason: 'CEO’s laptop' });
    expect(e!.data).toMatchObject({ impact: 3, urgency: 3, override: 'P2', priority: 'P2' });
    expect(w.get(id)).toMatchObject({ impact: 3, urgency: 3, priority: 'P2', priorityOverride: 'P2' });
  });

  it('removing the override goes back to the matrix', () => {
    const w = new Writer('writer-a');
    const id = w.create({ impact: 3, urgency: 3 });
    w.run(id, { type: 'setPriority', impact: 3, urgency: 3, override: 'P2', reason: 'VIP' });
    w.run(id, { type: 'setPriority', impact: 3, urgency: 3, override: null, reason: 'Back to normal' });
    expect(w.get(id)).toMatchObject({ priority: 'P5', priorityOverride: null });
  });

  it('refuses a change that changes nothing', () => {
    const w = new Writer('writer-a');
    const id = w.create({ impact: 2, urgency: 2 });
    expectRule(() => w.run(id, { type: 'setPriority', impact: 2, urgency: 2, reason: 'Again' }), 'priority.unchanged');
    w.run(id, { type: 'setPriority', impact: 2, urgency: 2, override: 'P3', reason: 'Pin it' }); // same priority, but now pinned
    expect(w.get(id).priorityOverride).toBe('P3');
    expectRule(() => w.run(id, { type: 'setPriority', impact: 2, urgency: 2, override: 'P3', reason: 'Again' }), 'priority.unchanged');
  });

  it('needs a reason', () => {
    expect(IncidentCommandSchema.safeParse({ type: 'setPriority', impact: 1, urgency: 1 }).success).toBe(false);
    expect(IncidentCommandSchema.safeParse({ type: 'setPriority', impact: 1, urgency: 1, reason: '  ' }).success).toBe(false);
  });
});

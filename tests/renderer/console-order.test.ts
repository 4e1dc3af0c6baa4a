import { describe, expect, it } from 'vitest';
import { compareForConsole, sortForConsole } from '../../renderer/src/features/console/incident-order';
import { incident } from './console-fixtures';

describe('console list order', () => {
  it('sorts by priority first', () => {
    const list = [incident('A', { priority: 'P3' }), incident('B', { priority: 'P1' }), incident('C', { priority: 'P2' })];
    expect(sortForConsole(list).map((i) => i.id)).toEqual(['B', 'C', 'A']);
  });

  it('then puts the incident with the oldest last update first (SLA risk stand-in)', () => {
    const list = [
      incident('fresh', { priority: 'P2', updatedAt: '2026-03-01T10:30:00.000Z' }),
      incident('stale', { priority: 'P2', updatedAt: '2026-03-01T09:00:00.000Z' }),
    ];
    expect(sortForConsole(list).map((i) => i.id)).toEqual(['stale', 'fresh']);
  });

  it('then by age, oldest first, then id', () => {
    const same = '2026-03-01T10:00:00.000Z';
    const list = [
      incident('young', { priority: 'P2', updatedAt: same, createdAt: '2026-03-01T09:00:00.000Z' }),
      incident('old', { priority: 'P2', updatedAt: same, createdAt: '2026-03-01T08:00:00.000Z' }),
      incident('b-twin', { priority: 'P2', updatedAt: same, createdAt: '2026-03-01T08:00:00.000Z' }),
    ];
    expect(sortForConsole(list).map((i) => i.id)).toEqual(['b-twin', 'old', 'young']);
  });

  it('compares times as instants, not strings', () => {
    const a = incident('a', { priority: 'P2', updatedAt: '2026-03-01T10:00:00+02:00' }); // 08:00Z
    const b = incident('b', { priority: 'P2', updatedAt: '2026-03-01T09:00:00Z' });
    expect(compareForConsole(a, b)).toBeLessThan(0);
  });

  it('does not mutate its input', () => {
    const list = [incident('A', { priority: 'P3' }), incident('B', { priority: 'P1' })];
    sortForConsole(list);
    expect(list.map((i) => i.id)).toEqual(['A', 'B']);
  });
});

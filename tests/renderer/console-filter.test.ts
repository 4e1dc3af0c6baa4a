import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  allTeams,
  DEFAULT_FILTERS,
  isMine,
  matchesFilters,
  matchesSearch,
  teamsOf,
  visibleIncidents,
} from '../../renderer/src/features/console/incident-filter';
import { incident } from './console-fixtures';

const responder = (person: string, team = '', leftAt: string | null = null) => ({ person, team, joinedAt: '2026-03-01T10:00:00Z', leftAt });

describe('mine', () => {
  it('is true when the operator holds a role or is an active responder (case-insensitive)', () => {
    expect(isMine(incident('A', { roles: { coordinator: 'Jane Ortiz' } }), 'jane ortiz')).toBe(true);
    expect(isMine(incident('B', { responders: [responder('Jane Ortiz')] }), 'Jane Ortiz')).toBe(true);
  });
  it('is false for a responder who left, for others, and for an empty operator', () => {
    expect(isMine(incident('A', { responders: [responder('Jane', '', '2026-03-01T11:00:00Z')] }), 'Jane')).toBe(false);
    expect(isMine(incident('B', { roles: { coordinator: 'Bob' } }), 'Jane')).toBe(false);
    expect(isMine(incident('C', { roles: { coordinator: '' } }), '')).toBe(false);
  });
});

describe('teams', () => {
  it('lists teams of active responders, distinct and sorted across incidents', () => {
    const a = incident('A', { responders: [responder('x', 'Network'), responder('y', 'Radio ops'), responder('z', 'Old', '2026-03-01T11:00:00Z')] });
    const b = incident('B', { responders: [responder('w', 'Network')] });
    expect(teamsOf(a)).toEqual(['Network', 'Radio ops']);
    expect(allTeams([a, b])).toEqual(['Network', 'Radio ops']);
  });
});

describe('search', () => {
  const i = incident('INC-2026-K7Q2-14', { title: 'Radio outage sector 4', services: ['TETRA radio'], tags: ['comms'], roles: { coordinator: 'Priya' } });
  it('matches id, title, services, tags and people; every term must match', () => {
    expect(matchesSearch(i, 'k7q2-14')).toBe(true);
    expect(matchesSearch(i, 'outage tetra')).toBe(true);
    expect(matchesSearch(i, 'comms priya')).toBe(true);
    expect(matchesSearch(i, 'outage email')).toBe(false);
    expect(matchesSearch(i, '   ')).toBe(true);
  });
});

describe('filters', () => {
  const list = [
    incident('P1-real', { priority: 'P1', status: 'investigating', roles: { coordinator: 'Jane' } }),
    incident('P2-drill', { priority: 'P2', status: 'new', exercise: true }),
    incident('P3-held', { priority: 'P3', status: 'on_hold', responders: [responder('Bob', 'Network')] }),
    incident('P2-resolved', { priority: 'P2', status: 'resolved' }),
    incident('P4-closed', { priority: 'P4', status: 'closed' }),
  ];
  const ids = (f: Partial<typeof DEFAULT_FILTERS>, operator = 'Jane') => visibleIncidents(list, { ...DEFAULT_FILTERS, ...f }, operator).map((i) => i.id);

  it('shows open (active) incidents by default, in console order', () => {
    expect(ids({})).toEqual(['P1-real', 'P2-drill', 'P3-held']);
  });
  it('filters by one status, including resolved', () => {
    expect(ids({ status: 'resolved' })).toEqual(['P2-resolved']);
    expect(ids({ status: 'on_hold' })).toEqual(['P3-held']);
  });
  it('filters by priority, team and mine', () => {
    expect(ids({ priority: 'P2' })).toEqual(['P2-drill']);
    expect(ids({ team: 'network' })).toEqual(['P3-held']);
    expect(ids({ mine: true })).toEqual(['P1-real']);
    expect(ids({ mine: true }, 'Bob')).toEqual(['P3-held']);
  });
  it('includes, hides or isolates exercises', () => {
    expect(ids({ exercise: 'exclude' })).toEqual(['P1-real', 'P3-held']);
    expect(ids({ exercise: 'only' })).toEqual(['P2-drill']);
  });
  it('combines filters with search', () => {
    expect(matchesFilters(list[0]!, { ...DEFAULT_FILTERS, search: 'p1-real', priority: 'P1' }, 'x')).toBe(true);
    expect(matchesFilters(list[0]!, { ...DEFAULT_FILTERS, search: 'nothing' }, 'x')).toBe(false);
  });
  it('counts active filters', () => {
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, mine: true, search: 'x', status: 'new' })).toBe(3);
  });
});

import type { IncidentState } from '../domain/incident';
import { PRIORITIES, type Priority } from '../domain/priority';

export type ExerciseFilter = 'include' | 'only' | 'exclude';

/**
 * What one board shows. Values within a filter are alternatives (OR); filters combine with AND.
 * Empty lists do not filter.
 */
export interface BoardFilters {
  /** Teams of the incident's current responders (case-insensitive). */
  teams: readonly string[];
  /** Matched against the incident's services, case-insensitive substring ("Madrid" matches "Madrid DC"). */
  locations: readonly string[];
  /** Incident category, case-insensitive. */
  categories: readonly string[];
  exercise: ExerciseFilter;
  priorities: readonly Priority[];
}

export const NO_FILTERS: BoardFilters = { teams: [], locations: [], categories: [], exercise: 'include', priorities: [] };

const norm = (s: string) => s.trim().toLocaleLowerCase('en');

export function matchesFilters(incident: IncidentState, f: BoardFilters): boolean {
  if (f.exercise === 'only' && !incident.exercise) return false;
  if (f.exercise === 'exclude' && incident.exercise) return false;
  if (f.priorities.length && !f.priorities.includes(incident.priority)) return false;
  if (f.categories.length && !f.categories.some((c) => norm(c) === norm(incident.category))) return false;
  if (f.teams.length) {
    const teams = incident.responders.filter((r) => !r.leftAt && r.team).map((r) => norm(r.team));
    if (!f.teams.some((t) => teams.includes(norm(t)))) return false;
  }
  if (f.locations.length) {
    const services = incident.services.map(norm);
    if (!f.locations.some((l) => services.some((s) => s.includes(norm(l))))) return false;
  }
  return true;
}

export function hasFilters(f: BoardFilters): boolean {
  return f.teams.length + f.locations.length + f.categories.length + f.priorities.length > 0 || f.exercise !== 'include';
}

/** Short human description for the board header, e.g. "Team Network · Priority P1, P2 · Exercises excluded". */
export function describeFilters(f: BoardFilters): string {
  const parts: string[] = [];
  if (f.teams.length) parts.push(`Team ${f.teams.join(', ')}`);
  if (f.locations.length) parts.push(`Location ${f.locations.join(', ')}`);
  if (f.categories.length) parts.push(`Category ${f.categories.join(', ')}`);
  if (f.priorities.length) parts.push(`Priority ${f.priorities.join(', ')}`);
  if (f.exercise === 'only') parts.push('Exercises only');
  if (f.exercise === 'exclude') parts.push('Exercises excluded');
  return parts.join(' · ');
}

/** A stable text form of the filters (sorted, lower-cased), e.g. to key a board's local state. */
export function filtersKey(f: BoardFilters): string {
  const list = (xs: readonly string[]) => [...new Set(xs.map(norm))].sort().join(',');
  const p = PRIORITIES.filter((x) => f.priorities.includes(x)).join(',');
  return `team=${list(f.teams)};location=${list(f.locations)};category=${list(f.categories)};exercise=${f.exercise};priority=${p}`;
}

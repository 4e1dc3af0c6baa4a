import type { IncidentState } from '../../../../shared/domain/incident';
import { isActive, type Status } from '../../../../shared/domain/lifecycle';
import type { Priority } from '../../../../shared/domain/priority';
import { sortForConsole } from './incident-order';

export type StatusFilter = 'open' | Status;
export type ExerciseFilter = 'include' | 'exclude' | 'only';

export interface ConsoleFilters {
  /** Only incidents where the operator holds a role or is an active responder. */
  mine: boolean;
  /** Team of an active responder; '' = any. */
  team: string;
  priority: Priority | '';
  status: StatusFilter;
  exercise: ExerciseFilter;
  search: string;
}

export const DEFAULT_FILTERS: ConsoleFilters = { mine: false, team: '', priority: '', status: 'open', exercise: 'include', search: '' };

type Filterable = Pick<
  IncidentState,
  'id' | 'title' | 'priority' | 'status' | 'exercise' | 'roles' | 'responders' | 'services' | 'tags' | 'category' | 'updatedAt' | 'createdAt'
>;

const norm = (s: string) => s.trim().toLocaleLowerCase();

export function samePerson(a: string, b: string): boolean {
  return norm(a) !== '' && norm(a) === norm(b);
}

/** The operator holds a role on the incident or is responding to it right now. */
export function isMine(i: Pick<IncidentState, 'roles' | 'responders'>, operator: string): boolean {
  if (!operator.trim()) return false;
  return Object.values(i.roles).some((p) => samePerson(p, operator)) || i.responders.some((r) => !r.leftAt && samePerson(r.person, operator));
}

/** Teams of the people responding right now. */
export function teamsOf(i: Pick<IncidentState, 'responders'>): string[] {
  return [...new Set(i.responders.filter((r) => !r.leftAt && r.team.trim()).map((r) => r.team.trim()))];
}

export function allTeams(incidents: readonly Pick<IncidentState, 'responders'>[]): string[] {
  return [...new Set(incidents.flatMap(teamsOf))].sort((a, b) => a.localeCompare(b));
}

/** Every search term must appear in the id, title, category, services, tags or people. */
export function matchesSearch(i: Filterable, search: string): boolean {
  const terms = norm(search).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = norm(
    [i.id, i.title, i.category, ...i.services, ...i.tags, ...Object.values(i.roles), ...i.responders.map((r) => r.person)].join(' \u0000 '),
  );
  return terms.every((t) => haystack.includes(t));
}

export function matchesStatus(status: Status, filter: StatusFilter): boolean {
  return filter === 'open' ? isActive(status) : status === filter;
}

export function matchesFilters(i: Filterable, f: ConsoleFilters, operator: string): boolean {
  if (!matchesStatus(i.status, f.status)) return false;
  if (f.priority && i.priority !== f.priority) return false;
  if (f.exercise === 'exclude' && i.exercise) return false;
  if (f.exercise === 'only' && !i.exercise) return false;
  if (f.team && !teamsOf(i).some((t) => samePerson(t, f.team))) return false;
  if (f.mine && !isMine(i, operator)) return false;
  return matchesSearch(i, f.search);
}

/** The console list: filtered, then in console order (by SLA risk within a priority when `risk` is given). */
export function visibleIncidents<T extends Filterable>(all: readonly T[], f: ConsoleFilters, operator: string, risk?: (incident: T) => number | undefined): T[] {
  return sortForConsole(
    all.filter((i) => matchesFilters(i, f, operator)),
    risk,
  );
}

/** How many filters narrow the list (for the "clear filters" affordance). */
export function activeFilterCount(f: ConsoleFilters): number {
  return (
    Number(f.mine) +
    Number(f.team !== '') +
    Number(f.priority !== '') +
    Number(f.status !== 'open') +
    Number(f.exercise !== 'include') +
    Number(f.search.trim() !== '')
  );
}

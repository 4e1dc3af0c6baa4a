import { useMemo } from 'react';
import { ACTIVE_STATUSES, STATUS_LABELS } from '../../../../shared/domain/lifecycle';
import { PRIORITIES } from '../../../../shared/domain/priority';
import { useWorkspace } from '../../state/workspace-store';
import { useConsole } from './console-store';
import { activeFilterCount, allTeams, type ExerciseFilter, type StatusFilter } from './incident-filter';
import './IncidentList.css';
import './forms.css';

/** Search and filters above the incident list. */
export function ListFilters({ onStatusChange }: { onStatusChange: (status: StatusFilter) => void }) {
  const filters = useConsole((s) => s.filters);
  const setFilters = useConsole((s) => s.setFilters);
  const resetFilters = useConsole((s) => s.resetFilters);
  const incidents = useWorkspace((s) => s.incidents);
  const teams = useMemo(() => allTeams(Object.values(incidents)), [incidents]);
  const active = activeFilterCount(filters);

  return (
    <div className="console-filters" role="search" aria-label="Filter incidents">
      <div className="console-filters-search">
        <label className="visually-hidden" htmlFor="console-search">
          Search incidents
        </label>
        <input
          id="console-search"
          className="console-input"
          type="search"
          placeholder="Search id, title, service, person…"
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
        />
        <button
          type="button"
          className={`console-button console-filter-mine${filters.mine ? ' is-on' : ''}`}
          aria-pressed={filters.mine}
          title="Incidents where I hold a role or am responding"
          onClick={() => setFilters({ mine: !filters.mine })}
        >
          Mine
        </button>
      </div>
      <div className="console-filters-row">
        <div className="console-field">
          <label className="console-label" htmlFor="console-filter-priority">
            Priority
          </label>
          <select
            id="console-filter-priority"
            className="console-select"
            value={filters.priority}
            onChange={(e) => setFilters({ priority: e.target.value as (typeof filters)['priority'] })}
          >
            <option value="">Any</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="console-field">
          <label className="console-label" htmlFor="console-filter-status">
            Status
          </label>
          <select
            id="console-filter-status"
            className="console-select"
            value={filters.status}
            onChange={(e) => onStatusChange(e.target.value as StatusFilter)}
          >
            <option value="open">All open</option>
            {ACTIVE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
            <option value="resolved">Resolved (to close)</option>
          </select>
        </div>
        <div className="console-field">
          <label className="console-label" htmlFor="console-filter-team">
            Team
          </label>
          <select id="console-filter-team" className="console-select" value={filters.team} onChange={(e) => setFilters({ team: e.target.value })}>
            <option value="">Any</option>
            {teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="console-field">
          <label className="console-label" htmlFor="console-filter-exercise">
            Show
          </label>
          <select
            id="console-filter-exercise"
            className="console-select"
            value={filters.exercise}
            onChange={(e) => setFilters({ exercise: e.target.value as ExerciseFilter })}
          >
            <option value="include">All</option>
            <option value="exclude">No exercises</option>
            <option value="only">Exercises only</option>
          </select>
        </div>
      </div>
      <div className="console-filters-summary">
        {active > 0 ? (
          <button type="button" className="console-button is-ghost is-small" onClick={resetFilters}>
            Clear {active} filter{active === 1 ? '' : 's'}
          </button>
        ) : (
          <span className="console-hint">Sorted by priority, SLA risk, age</span>
        )}
      </div>
    </div>
  );
}

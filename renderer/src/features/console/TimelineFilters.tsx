import { ENTRY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { useConsole } from './console-store';
import { QUICK_KINDS } from './shortcuts';
import type { TimelineKindFilter } from './timeline-model';
import './Timeline.css';
import './forms.css';

/** Kind and person filters above the timeline. */
export function TimelineFilters({ people, shown, total }: { people: string[]; shown: number; total: number }) {
  const filters = useConsole((s) => s.timelineFilters);
  const setFilters = useConsole((s) => s.setTimelineFilters);
  return (
    <div className="console-timeline-filters">
      <h3 id="console-timeline-title" className="console-panel-title">
        Timeline
      </h3>
      <span className="console-count">
        {shown === total ? `${total} items` : `${shown} of ${total} items`}
      </span>
      <span className="console-row-spacer" />
      <label className="console-label" htmlFor="console-timeline-kind">
        Kind
      </label>
      <select
        id="console-timeline-kind"
        className="console-select console-select-inline"
        value={filters.kind}
        onChange={(e) => setFilters({ kind: e.target.value as TimelineKindFilter })}
      >
        <option value="all">Everything</option>
        <option value="changes">Changes (status, roles, tasks…)</option>
        {QUICK_KINDS.map((k) => (
          <option key={k} value={k}>
            {ENTRY_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <label className="console-label" htmlFor="console-timeline-person">
        Person
      </label>
      <select
        id="console-timeline-person"
        className="console-select console-select-inline"
        value={filters.person}
        onChange={(e) => setFilters({ person: e.target.value })}
      >
        <option value="">Everyone</option>
        {people.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
        {filters.person && !people.includes(filters.person) && <option value={filters.person}>{filters.person}</option>}
      </select>
    </div>
  );
}

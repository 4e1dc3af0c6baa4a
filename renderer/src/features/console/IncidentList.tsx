import { useCallback, type KeyboardEvent } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { useConsole } from './console-store';
import type { StatusFilter } from './incident-filter';
import { IncidentRow } from './IncidentRow';
import { ListFilters } from './ListFilters';
import { changedSinceSeen } from './seen-versions';
import './IncidentList.css';

function focusRow(list: HTMLElement, index: number): void {
  const rows = list.querySelectorAll<HTMLButtonElement>('button.console-row');
  const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
  row?.focus();
  row?.click();
}

/** Left side of the console: filters and the sorted incident list. */
export function IncidentList({ incidents }: { incidents: IncidentState[] }) {
  const client = useApi();
  const selectedId = useConsole((s) => s.selectedId);
  const seen = useConsole((s) => s.seen);
  const select = useConsole((s) => s.select);
  const setFilters = useConsole((s) => s.setFilters);
  const resetFilters = useConsole((s) => s.resetFilters);
  const total = useWorkspace((s) => Object.keys(s.incidents).length);
  const onSelect = useCallback((id: string) => select(id), [select]);

  // The store holds active incidents; resolved ones (waiting to be closed) are loaded on demand.
  const onStatusChange = useCallback(
    (status: StatusFilter) => {
      setFilters({ status });
      if (status === 'resolved') {
        void client
          .call('incidents.list', { scope: 'resolved' })
          .then((r) => useWorkspace.getState().upsert(r.incidents))
          .catch(() => undefined);
      }
    },
    [client, setFilters],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const rows = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.console-row')];
    const at = rows.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    focusRow(e.currentTarget, to);
  };

  return (
    <aside className="console-list-pane" aria-labelledby="console-list-heading">
      <div className="console-list-heading">
        <h2 id="console-list-heading">Incidents</h2>
        <span className="console-count" aria-live="polite">
          {incidents.length} shown
        </span>
      </div>
      <ListFilters onStatusChange={onStatusChange} />
      <nav className="console-list-scroll" aria-label="Incident list">
        {incidents.length > 0 ? (
          <ul className="console-list" role="list" aria-label="Open incidents" onKeyDown={onKeyDown}>
            {incidents.map((i, index) => (
              <IncidentRow
                key={i.id}
                incident={i}
                selected={i.id === selectedId}
                changed={i.id !== selectedId && changedSinceSeen(i.version, seen[i.id])}
                position={index + 1}
                onSelect={onSelect}
              />
            ))}
          </ul>
        ) : (
          <div className="console-list-empty">
            <ul className="console-list" role="list" aria-label="Open incidents" />
            <p>{total === 0 ? 'No open incidents.' : 'No incidents match these filters.'}</p>
            {total > 0 && (
              <button type="button" className="console-button" onClick={resetFilters}>
                Clear filters
              </button>
            )}
          </div>
        )}
      </nav>
    </aside>
  );
}

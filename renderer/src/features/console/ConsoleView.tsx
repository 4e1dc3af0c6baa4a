import { useEffect } from 'react';
import { isActive } from '../../../../shared/domain/lifecycle';
import { useWorkspace } from '../../state/workspace-store';
import { startClock } from '../../ui/clock-store';
import { CommandPalette } from './CommandPalette';
import { ConsoleHeader } from './ConsoleHeader';
import { useConsole } from './console-store';
import { CreateIncidentPanel } from './CreateIncidentPanel';
import { useSelectedIncident, useVisibleIncidents } from './hooks';
import { IncidentDetail } from './IncidentDetail';
import { IncidentList } from './IncidentList';
import { StatusBar } from './StatusBar';
import { useConsoleShortcuts } from './useConsoleShortcuts';
import './ConsoleView.css';
import './forms.css';

/** The coordinator console: incident list on the left, the selected incident on the right. */
export function ConsoleView() {
  const info = useWorkspace((s) => s.info);
  const loadError = useWorkspace((s) => s.loadError);
  const openCount = useWorkspace((s) => Object.values(s.incidents).filter((i) => isActive(i.status)).length);
  const list = useVisibleIncidents();
  const selected = useSelectedIncident();
  const selectedId = useConsole((s) => s.selectedId);
  const createOpen = useConsole((s) => s.createOpen);
  const setCreateOpen = useConsole((s) => s.setCreateOpen);

  useEffect(() => startClock(), []);
  useConsoleShortcuts(list);

  // Start with the top incident selected, so the detail is never empty when there is work. Not by
  // select(): the list can arrive after the coordinator opened "New incident", and the form stays.
  useEffect(() => {
    const top = list[0];
    if (selectedId || !top) return;
    useConsole.setState({ selectedId: top.id });
    useConsole.getState().markSeen(top.id, top.version);
  }, [selectedId, list]);

  return (
    <div className="console-shell">
      <ConsoleHeader />
      <div className="console-body">
        <IncidentList incidents={list} />
        <main className="console-main" aria-label={createOpen ? 'New incident' : selected ? `Incident ${selected.id}` : 'Incident'}>
          {!info ? (
            <div className="console-detail-empty">
              {loadError ? (
                <p role="alert">Cannot load the workspace: {loadError}</p>
              ) : (
                <p>Loading the workspace…</p>
              )}
            </div>
          ) : createOpen ? (
            <CreateIncidentPanel onDone={() => setCreateOpen(false)} />
          ) : selected ? (
            <IncidentDetail incident={selected} info={info} />
          ) : (
            <div className="console-detail-empty">
              <p>No incident selected.</p>
              {!info.readOnly && <p>Use “New incident” in the top bar to open one.</p>}
            </div>
          )}
        </main>
      </div>
      <StatusBar openCount={openCount} />
      <CommandPalette />
    </div>
  );
}

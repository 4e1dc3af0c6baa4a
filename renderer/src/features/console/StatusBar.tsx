import { useWorkspace } from '../../state/workspace-store';
import { useConsole } from './console-store';
import { useOperator } from './hooks';
import { SharedFolderStatus } from './SharedFolderStatus';
import './StatusBar.css';

/** Bottom line: connection, shared folder, site, operator, and a live region for announcements. */
export function StatusBar({ openCount }: { openCount: number }) {
  const connected = useWorkspace((s) => s.connected);
  const site = useWorkspace((s) => s.info?.settings.siteName);
  const version = useWorkspace((s) => s.info?.version);
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const operator = useOperator();
  const announcement = useConsole((s) => s.announcement);
  return (
    <footer className="console-statusbar">
      <span className={`console-conn${connected ? ' is-up' : ' is-down'}`}>
        <span className="console-conn-dot" aria-hidden="true" />
        {connected ? 'Connected' : 'Disconnected — reconnecting…'}
      </span>
      <SharedFolderStatus />
      <span>
        <span className="console-statusbar-label">Site</span> {site ?? '—'}
      </span>
      <span>
        <span className="console-statusbar-label">Operator</span> {operator || '—'}
      </span>
      <span>
        <span className="console-statusbar-label">Open</span> {openCount}
      </span>
      {readOnly && <span className="console-readonly">Read-only</span>}
      <span className="console-statusbar-announce" role="status" aria-live="polite">
        {announcement}
      </span>
      <span className="console-statusbar-keys" aria-hidden="true">
        Ctrl+K palette · Ctrl+1–9 incident · Alt+1–6 entry kind · Ctrl+Enter add
      </span>
      {version && <span className="console-statusbar-label">v{version}</span>}
    </footer>
  );
}

import { NotificationBell } from '../notifications/NotificationBell';
import { useConsole } from './console-store';
import { HeaderClock } from './HeaderClock';
import { useReadOnly } from './hooks';
import { OperatorField } from './OperatorField';
import { UtcToggle } from './UtcToggle';
import './ConsoleHeader.css';
import './forms.css';

/** Top bar: name, command palette, new incident, operator, UTC, wall board. */
export function ConsoleHeader() {
  const readOnly = useReadOnly();
  const setCreateOpen = useConsole((s) => s.setCreateOpen);
  const setPaletteOpen = useConsole((s) => s.setPaletteOpen);
  return (
    <header className="console-header">
      <div className="console-brand">
        <span className="console-brand-mark" aria-hidden="true">
          ◉
        </span>
        <h1 className="console-brand-name">
          Watchfloor <span className="console-brand-sub">Coordinator console</span>
        </h1>
      </div>
      <button type="button" className="console-palette-button" aria-keyshortcuts="Control+K" onClick={() => setPaletteOpen(true)}>
        <span>Jump to incident or run command…</span>
        <kbd className="console-kbd">Ctrl K</kbd>
      </button>
      {!readOnly && (
        <button type="button" className="console-button is-primary" onClick={() => setCreateOpen(true)}>
          New incident
        </button>
      )}
      <span className="console-row-spacer" />
      <OperatorField />
      <UtcToggle />
      <HeaderClock />
      <NotificationBell />
      <a className="console-header-link" href="#/wall">
        Wall board
      </a>
    </header>
  );
}

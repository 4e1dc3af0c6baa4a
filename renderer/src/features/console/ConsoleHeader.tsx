import { viewHref } from '../../ui/view-href';
import { NotificationBell } from '../notifications/NotificationBell';
import { ReportLinks } from '../reports/ReportLinks';
import { useConsole } from './console-store';
import { HeaderClock } from './HeaderClock';
import { useReadOnly } from './hooks';
import { OperatorField } from './OperatorField';
import { useInboxCount } from './use-inbox-count';
import { UtcToggle } from './UtcToggle';
import './ConsoleHeader.css';
import './forms.css';

/** The Inbox link, with how many alert groups wait for triage (in words for screen readers). */
function InboxLink() {
  const count = useInboxCount();
  const label = count === undefined ? 'Inbox' : `Inbox, ${count} alert ${count === 1 ? 'group needs' : 'groups need'} triage`;
  return (
    <a className="console-nav-link" href={viewHref('/inbox')} aria-label={label}>
      Inbox
      {count ? <span className="console-nav-count">{count > 999 ? '999+' : count}</span> : null}
    </a>
  );
}

/** The other views: wall board, trends, alert inbox, import, the situation report, settings, policies and the directory. */
function ViewLinks() {
  return (
    <nav className="console-nav" aria-label="Views">
      <a className="console-nav-link" href={viewHref('/wall')}>
        Wall board
      </a>
      <a className="console-nav-link" href={viewHref('/trends')}>
        Trends
      </a>
      <InboxLink />
      <a className="console-nav-link" href={viewHref('/import')}>
        Import
      </a>
      <ReportLinks kind="situation" className="console-nav-report" />
      <a className="console-nav-link" href={viewHref('/settings')}>
        Settings
      </a>
      <a className="console-nav-link" href={viewHref('/policies')}>
        Policies
      </a>
      <a className="console-nav-link" href={viewHref('/directory')}>
        Directory
      </a>
    </nav>
  );
}

/** Top bar: name, command palette, new incident, operator, UTC, clock, notifications, the other views. */
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
      <ViewLinks />
    </header>
  );
}

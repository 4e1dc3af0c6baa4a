import { useEffect, useRef } from 'react';
import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { useWorkspace } from '../../state/workspace-store';
import { ClockText } from './time-texts';
import { WallShareState } from './WallShareState';
import './WallHeader.css';

const SHAPE: Record<Priority, string> = { P1: '▲', P2: '◆', P3: '●', P4: '■', P5: '○' };

export interface HeaderProps {
  siteName: string;
  filterText: string;
  counts: Record<Priority, number> | null;
  /** Incidents with a breached SLA clock, and with one at a warning level (none breached). */
  breaching: number;
  nearBreach: number;
  showClock: boolean;
}

/** "N breaching · M near breach": red and amber when non-zero, each with its own mark. */
function SlaCounts({ breaching, nearBreach }: { breaching: number; nearBreach: number }) {
  return (
    <p className="wall-sla-counts">
      <span className={breaching ? 'wall-sla-count is-breached' : 'wall-sla-count'}>
        {breaching ? <span aria-hidden="true">✖ </span> : null}
        {breaching} breaching
      </span>
      <span className="wall-sla-counts__sep"> · </span>
      <span className={nearBreach ? 'wall-sla-count is-warning' : 'wall-sla-count'}>
        {nearBreach ? <span aria-hidden="true">⚠ </span> : null}
        {nearBreach} near breach
      </span>
    </p>
  );
}

function ConnectionState() {
  const connected = useWorkspace((s) => s.connected);
  const loadError = useWorkspace((s) => s.loadError);
  const everConnected = useRef(false);
  useEffect(() => {
    if (connected) everConnected.current = true;
  }, [connected]);
  if (connected)
    return (
      <p className="wall-conn wall-conn--live" title={loadError}>
        <span className="wall-conn__dot" aria-hidden="true" />
        LIVE
        <WallShareState />
      </p>
    );
  return (
    <p className={everConnected.current ? 'wall-conn wall-conn--offline' : 'wall-conn wall-conn--connecting'} title={loadError}>
      {everConnected.current ? 'OFFLINE — reconnecting' : 'CONNECTING…'}
    </p>
  );
}

export function WallHeader({ siteName, filterText, counts, breaching, nearBreach, showClock }: HeaderProps) {
  return (
    <header className="wall-header">
      <div className="wall-header__site">
        <h1 className="wall-header__name">{siteName}</h1>
        <p className="wall-header__filter">{filterText || 'All active incidents'}</p>
      </div>
      {counts && (
        <ul className="wall-counts" aria-label="Active incidents by priority">
          {PRIORITIES.map((p) =>
            counts[p] ? (
              <li key={p} className="wall-count">
                <PriorityBadge priority={p} />
                <span className="wall-count__n">{counts[p]}</span>
              </li>
            ) : (
              <li key={p} className="wall-count wall-count--zero">
                <span className="wall-count__badge">
                  <span aria-hidden="true">{SHAPE[p]}</span> {p}
                </span>
                <span className="wall-count__n">0</span>
              </li>
            ),
          )}
        </ul>
      )}
      {counts && <SlaCounts breaching={breaching} nearBreach={nearBreach} />}
      <ConnectionState />
      {showClock && (
        <div className="wall-clocks">
          <p className="wall-clock wall-clock--local">
            <ClockText utc={false} />
          </p>
          <p className="wall-clock wall-clock--utc">
            <ClockText utc seconds={false} /> <span className="wall-clock__zone">UTC</span>
          </p>
        </div>
      )}
    </header>
  );
}

import { memo } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { Elapsed } from './Elapsed';
import { elapsedStart, rowDescription, rowName } from './incident-label';
import { SlaCountdown } from './SlaCountdown';
import './IncidentList.css';

export interface IncidentRowProps {
  incident: IncidentState;
  selected: boolean;
  changed: boolean;
  /** 1–9: shown as the Ctrl+n shortcut. */
  position: number;
  onSelect: (id: string) => void;
}

/** One incident in the console list. Memoised: a clock tick re-renders only its elapsed time. */
export const IncidentRow = memo(function IncidentRow({ incident: i, selected, changed, position, onSelect }: IncidentRowProps) {
  const name = rowName(i);
  const start = elapsedStart(i);
  const descId = `console-row-desc-${i.id}`;
  return (
    <li className="console-row-item" aria-label={name}>
      <button
        type="button"
        className={`console-row${selected ? ' is-selected' : ''}${i.exercise ? ' is-exercise' : ''}`}
        aria-label={name}
        aria-describedby={descId}
        aria-current={selected ? 'true' : undefined}
        aria-keyshortcuts={position <= 9 ? `Control+${position}` : undefined}
        data-incident-id={i.id}
        onClick={() => onSelect(i.id)}
      >
        <span className="console-row-priority">
          <PriorityBadge priority={i.priority} size="lg" />
        </span>
        <span className="console-row-main">
          <span className="console-row-line">
            <span className="console-row-id">{i.id}</span>
            <span className={`console-row-changed${changed ? ' is-changed' : ''}`} aria-hidden="true" title={changed ? 'Changed since you last looked' : undefined} />
            <span className="console-row-spacer" />
            <Elapsed since={start.at} label={start.label} className="console-row-elapsed" />
          </span>
          <span className="console-row-title">{i.title}</span>
          <span className="console-row-line console-row-sla" data-testid="row-sla" aria-hidden="true">
            <SlaCountdown incident={i} />
          </span>
          <span className="console-row-line console-row-meta">
            <StatusBadge status={i.status} />
            <FlagBadges major={i.major} exercise={i.exercise} />
            <span className="console-row-coordinator">{i.roles.coordinator ?? 'No coordinator'}</span>
            {position <= 9 && <span className="console-row-shortcut" aria-hidden="true">^{position}</span>}
          </span>
        </span>
        <span id={descId} className="visually-hidden">
          {rowDescription(i, changed)}
          <SlaCountdown incident={i} prefix=", SLA: " />
        </span>
      </button>
    </li>
  );
});

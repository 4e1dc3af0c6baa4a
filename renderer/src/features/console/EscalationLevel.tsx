import type { IncidentState } from '../../../../shared/domain/incident';
import { useClock } from '../../ui/clock-store';
import { snapshotOf } from './sla-model';
import './Sla.css';

/** "Level 2: Duty manager" (escalated, in amber) or "Not escalated"; follows automatic raises as they fall due. */
export function EscalationLevel({ incident }: { incident: IncidentState }) {
  const text = useClock((s) => {
    const e = snapshotOf(incident, s.now).escalation;
    if (!e) return '';
    return e.level > 0 ? `Level ${e.level}${e.current?.name ? `: ${e.current.name}` : ''}` : 'Not escalated';
  });
  if (!text) return <span className="console-muted">No policy</span>;
  return (
    <span className={`sla-escalation-level${text.startsWith('Level') ? ' is-raised' : ''}`} data-testid="header-escalation">
      {text}
    </span>
  );
}

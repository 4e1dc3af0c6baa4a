import type { IncidentState } from '../../../../shared/domain/incident';
import { useClock } from '../../ui/clock-store';
import { labelKey, nearestLabel, parseLabelKey, updateLabel, type ClockLabel } from './sla-model';
import './Sla.css';

/** A clock label: the flag word ("Breached", "At risk") and the sentence, coloured by tone. */
export function ClockText({ label, className, prefix }: { label: ClockLabel | undefined; className?: string; prefix?: string }) {
  if (!label) return null;
  return (
    <span className={`sla-clock is-${label.tone}${className ? ` ${className}` : ''}`} data-sla-tone={label.tone}>
      {prefix}
      {label.flag && <span className="sla-clock-flag">{label.flag}</span>}
      {label.flag && ' '}
      <span className="sla-clock-text">{label.text}</span>
    </span>
  );
}

/**
 * The incident's nearest SLA clock, ticking with the shared clock. The selector returns the
 * label as one string, so only this span re-renders, and only when its text changes.
 */
export function SlaCountdown({ incident, which = 'nearest', className, prefix }: { incident: IncidentState; which?: 'nearest' | 'update'; className?: string; prefix?: string }) {
  const key = useClock((s) => labelKey(which === 'update' ? updateLabel(incident, s.now) : nearestLabel(incident, s.now)));
  return <ClockText label={parseLabelKey(key)} className={className} prefix={prefix} />;
}

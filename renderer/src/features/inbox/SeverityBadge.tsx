import type { AlertSeverity } from '../../../../shared/alerts/model';
import { SEVERITY_LABELS, SEVERITY_SHAPES } from './inbox-model';

/** Severity as text, shape and colour (colour never alone). */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span className={`inbox-severity is-${severity}`} data-severity={severity}>
      <span aria-hidden="true">{SEVERITY_SHAPES[severity]}</span> {SEVERITY_LABELS[severity]}
    </span>
  );
}

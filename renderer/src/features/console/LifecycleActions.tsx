import { useState } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { allowedTransitions, STATUS_LABELS, type LifecycleRules, type TransitionRule } from '../../../../shared/domain/lifecycle';
import { FormAlert } from './FormAlert';
import { useIncidentCommand, useReadOnly } from './hooks';
import { isOneClick } from './transition-plan';
import { TransitionForm } from './TransitionForm';
import './IncidentDetail.css';
import './forms.css';

function tone(rule: TransitionRule): string {
  if (rule.to === 'cancelled') return 'is-danger';
  if (rule.to === 'on_hold' || rule.label.startsWith('Back') || rule.label === 'Reopen') return '';
  return 'is-primary';
}

/** Buttons for the legal next statuses only; each opens a form when the change needs input. */
export function LifecycleActions({ incident, lifecycle }: { incident: IncidentState; lifecycle: LifecycleRules }) {
  const readOnly = useReadOnly();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [open, setOpen] = useState<TransitionRule | undefined>();
  const rules = allowedTransitions(lifecycle, incident.status, incident.heldFrom);
  if (readOnly) return null;

  return (
    <div className="console-lifecycle">
      <div className="console-lifecycle-buttons" role="group" aria-label="Change status">
        {rules.length === 0 && <span className="console-hint">No further status changes.</span>}
        {rules.map((rule) => {
          const oneClick = isOneClick(rule, incident, lifecycle);
          const isOpen = open?.to === rule.to;
          return (
            <button
              key={`${rule.from}-${rule.to}`}
              type="button"
              className={`console-button ${tone(rule)}${isOpen ? ' is-open' : ''}`}
              title={`${STATUS_LABELS[incident.status]} → ${STATUS_LABELS[rule.to]}`}
              aria-expanded={oneClick ? undefined : isOpen}
              disabled={pending}
              onClick={() => {
                if (oneClick) {
                  setOpen(undefined);
                  void run({ type: 'transition', to: rule.to });
                } else setOpen(isOpen ? undefined : rule);
              }}
            >
              {oneClick ? rule.label : `${rule.label}…`}
            </button>
          );
        })}
      </div>
      {!open && <FormAlert error={error} />}
      {open && rules.some((r) => r.to === open.to) && (
        <TransitionForm key={open.to} incident={incident} rule={open} lifecycle={lifecycle} onDone={() => setOpen(undefined)} />
      )}
    </div>
  );
}

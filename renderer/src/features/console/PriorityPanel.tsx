import { useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { IMPACT_LABELS, PRIORITIES, priorityFor, URGENCY_LABELS, type Level, type Priority, type PriorityMatrix as Matrix } from '../../../../shared/domain/priority';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { fieldErrorsOf, formFieldOf } from './form-errors';
import { useIncidentCommand, useReadOnly } from './hooks';
import { Panel } from './Panel';
import { PriorityMatrix } from './PriorityMatrix';
import './panels.css';
import './forms.css';

const LEVELS: readonly Level[] = [1, 2, 3];

/** Impact × urgency with the matrix in view; an override and a reason for every change. */
export function PriorityPanel({ incident, matrix }: { incident: IncidentState; matrix: Matrix }) {
  const readOnly = useReadOnly();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [impact, setImpact] = useState<Level>(incident.impact);
  const [urgency, setUrgency] = useState<Level>(incident.urgency);
  const [override, setOverride] = useState<Priority | ''>(incident.priorityOverride ?? '');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);

  const result = override || priorityFor(impact, urgency, matrix);
  const unchanged = impact === incident.impact && urgency === incident.urgency && (override || null) === incident.priorityOverride;
  const command = { type: 'setPriority' as const, impact, urgency, override: override || null, reason };
  const errors = fieldErrorsOf(IncidentCommandSchema.safeParse(command).error);
  const reasonError = (touched ? errors.reason : undefined) ?? (formFieldOf(error?.field) === 'reason' ? error?.message : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (unchanged || errors.reason) return;
    if (await run({ ...command, reason: reason.trim() })) {
      setReason('');
      setTouched(false);
    }
  };

  return (
    <Panel
      id="console-priority"
      title="Priority"
      actions={
        <span className="console-priority-current">
          <PriorityBadge priority={incident.priority} />
          <span className="console-muted">
            I{incident.impact} × U{incident.urgency}
            {incident.priorityOverride ? ' · override' : ''}
          </span>
        </span>
      }
    >
      <form className="console-priority-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="console-priority-grid">
          <PriorityMatrix
            matrix={matrix}
            impact={impact}
            urgency={urgency}
            disabled={readOnly}
            onPick={(i, u) => {
              setImpact(i);
              setUrgency(u);
            }}
          />
          <div className="console-priority-fields">
            <FormField id="console-priority-impact" label="Impact">
              {(p) => (
                <select {...p} className="console-select" value={impact} disabled={readOnly} onChange={(e) => setImpact(Number(e.target.value) as Level)}>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l} {IMPACT_LABELS[l].split(' — ')[0]}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="console-priority-urgency" label="Urgency">
              {(p) => (
                <select {...p} className="console-select" value={urgency} disabled={readOnly} onChange={(e) => setUrgency(Number(e.target.value) as Level)}>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {l} {URGENCY_LABELS[l].split(' — ')[0]}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id="console-priority-override" label="Override">
              {(p) => (
                <select {...p} className="console-select" value={override} disabled={readOnly} onChange={(e) => setOverride(e.target.value as Priority | '')}>
                  <option value="">None</option>
                  {PRIORITIES.map((pr) => (
                    <option key={pr} value={pr}>
                      {pr}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
        </div>
        {!readOnly && (
          <>
            <FormField id="console-priority-reason" label="Reason for the change" error={reasonError}>
              {(p) => (
                <input
                  {...p}
                  className="console-input"
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    setTouched(true);
                  }}
                />
              )}
            </FormField>
            {formFieldOf(error?.field) !== 'reason' && <FormAlert error={error} />}
            <div className="console-form-actions">
              <span className="console-hint console-grow">
                {unchanged ? 'Pick a cell or change a level' : `Will become ${result}`}
              </span>
              <button type="submit" className="console-button is-primary is-small" disabled={pending || unchanged}>
                Change priority
              </button>
            </div>
          </>
        )}
      </form>
    </Panel>
  );
}

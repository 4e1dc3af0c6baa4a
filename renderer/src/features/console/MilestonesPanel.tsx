import { useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { MILESTONE_LABELS, MilestoneSchema, type Milestone } from '../../../../shared/domain/vocabulary';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { fieldErrorsOf, formFieldOf } from './form-errors';
import { useIncidentCommand, useReadOnly, useUtc } from './hooks';
import { Panel } from './Panel';
import { inputToIso, isoToInput, zoneLabel } from './time-input';
import { TimeStamp } from './TimeStamp';
import './panels.css';
import './forms.css';

/** Key times of the incident; each editable (backdating allowed) with a reason. */
export function MilestonesPanel({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const [editing, setEditing] = useState<Milestone | undefined>();
  return (
    <Panel id="console-milestones" title="Milestones">
      <ul className="console-plain-list">
        {MilestoneSchema.options.map((m) => {
          const at = incident.milestones[m];
          return (
            <li key={m} className="console-milestone-row">
              <span className="console-milestone-name">{MILESTONE_LABELS[m]}</span>
              <span className={at ? 'console-milestone-time' : 'console-milestone-time console-muted'}>{at ? <TimeStamp iso={at} /> : '—'}</span>
              {!readOnly && (
                <button
                  type="button"
                  className="console-button is-ghost is-small"
                  aria-label={`Edit ${MILESTONE_LABELS[m]}`}
                  aria-expanded={editing === m}
                  onClick={() => setEditing(editing === m ? undefined : m)}
                >
                  Edit
                </button>
              )}
              {editing === m && (
                <div className="console-role-form">
                  <MilestoneForm incident={incident} milestone={m} onDone={() => setEditing(undefined)} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

function MilestoneForm({ incident, milestone, onDone }: { incident: IncidentState; milestone: Milestone; onDone: () => void }) {
  const utc = useUtc();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const current = incident.milestones[milestone];
  const [value, setValue] = useState(() => isoToInput(current ?? new Date().toISOString(), utc));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const at = inputToIso(value, utc);
  const errors = fieldErrorsOf(IncidentCommandSchema.safeParse({ type: 'setMilestone', milestone, at: at ?? value, reason }).error);
  if (!at) errors.at = 'Not a valid date and time';
  const serverField = formFieldOf(error?.field);
  const show = (f: string) => (touched ? errors[f] : undefined) ?? (serverField === f ? error?.message : undefined);
  const base = `console-milestone-${milestone}`;

  const save = async (clear: boolean) => {
    setTouched(true);
    if (errors.reason || (!clear && errors.at)) return;
    if (await run({ type: 'setMilestone', milestone, at: clear ? null : at!, reason: reason.trim() })) onDone();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  return (
    <form className="console-inline-form" onSubmit={submit} noValidate aria-label={`Edit ${MILESTONE_LABELS[milestone]}`}>
      <div className="console-form-row">
        <FormField id={`${base}-at`} label={`${MILESTONE_LABELS[milestone]} (${zoneLabel(utc)})`} error={show('at')}>
          {(p) => <input {...p} className="console-input" type="datetime-local" autoFocus value={value} onChange={(e) => setValue(e.target.value)} />}
        </FormField>
        <FormField id={`${base}-reason`} label="Reason" error={show('reason')}>
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
      </div>
      {serverField !== 'reason' && serverField !== 'at' && <FormAlert error={error} />}
      <div className="console-form-actions">
        {current && (
          <button type="button" className="console-button is-ghost is-small" disabled={pending} onClick={() => void save(true)}>
            Clear
          </button>
        )}
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className="console-button is-primary is-small" disabled={pending}>
          Save
        </button>
      </div>
    </form>
  );
}

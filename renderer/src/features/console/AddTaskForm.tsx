import { useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { fieldErrorsOf, formFieldOf } from './form-errors';
import { useIncidentCommand, useUtc } from './hooks';
import { PeopleOptions } from './PeopleOptions';
import { checklistFromText } from './tasks';
import { inputToIso, zoneLabel } from './time-input';
import './panels.css';
import './forms.css';

/** New task with owner, due time and an optional checklist (one item per line). */
export function AddTaskForm({ incidentId, onDone }: { incidentId: string; onDone: () => void }) {
  const utc = useUtc();
  const { run, pending, error } = useIncidentCommand(incidentId);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [checklist, setChecklist] = useState('');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);

  const dueIso = due ? inputToIso(due, utc) : null;
  const command = { type: 'addTask' as const, title, owner, due: dueIso ?? null, checklist: checklistFromText(checklist) };
  const errors = fieldErrorsOf(IncidentCommandSchema.safeParse(command).error);
  if (due && !dueIso) errors.due = 'Not a valid date and time';
  const serverField = formFieldOf(error?.field);
  const show = (f: string) => ((submitted || touched[f]) && errors[f]) || (serverField === f ? error?.message : undefined) || undefined;
  const touch = (f: string) => setTouched((t) => ({ ...t, [f]: true }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) return;
    if (await run({ ...command, title: title.trim(), owner: owner.trim() })) onDone();
  };

  return (
    <form className="console-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a task">
      <FormField id="console-task-title" label="Task" error={show('title')}>
        {(p) => (
          <input
            {...p}
            className="console-input"
            autoFocus
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              touch('title');
            }}
          />
        )}
      </FormField>
      <div className="console-form-row">
        <FormField id="console-task-owner" label="Owner" error={show('owner')}>
          {(p) => <input {...p} className="console-input" list="console-task-people" autoComplete="off" value={owner} onChange={(e) => setOwner(e.target.value)} />}
        </FormField>
        <FormField id="console-task-due" label={`Due (${zoneLabel(utc)})`} error={show('due') || (due && !dueIso ? errors.due : undefined)}>
          {(p) => (
            <input
              {...p}
              className="console-input"
              type="datetime-local"
              value={due}
              onChange={(e) => {
                setDue(e.target.value);
                touch('due');
              }}
            />
          )}
        </FormField>
      </div>
      <PeopleOptions id="console-task-people" />
      <FormField id="console-task-checklist" label="Checklist (one item per line, optional)" error={show('checklist')}>
        {(p) => <textarea {...p} className="console-textarea" rows={2} value={checklist} onChange={(e) => setChecklist(e.target.value)} />}
      </FormField>
      {!['title', 'owner', 'due', 'checklist'].includes(serverField ?? '') && <FormAlert error={error} />}
      <div className="console-form-actions">
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className="console-button is-primary is-small" disabled={pending}>
          Add task
        </button>
      </div>
    </form>
  );
}

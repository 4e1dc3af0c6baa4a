import { useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { BUILTIN_ROLES, roleLabel } from '../../../../shared/domain/vocabulary';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { fieldErrorsOf, formFieldOf } from './form-errors';
import { useIncidentCommand } from './hooks';
import { PeopleOptions } from './PeopleOptions';
import './panels.css';
import './forms.css';

const OTHER = '__other';

/** Assign a role, or hand it over: "Jane hands Incident coordinator role to Bob". */
export function RoleAssignForm({ incident, role: fixedRole, onDone }: { incident: IncidentState; role?: string; onDone: () => void }) {
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [choice, setChoice] = useState<string>(fixedRole ?? BUILTIN_ROLES[0]);
  const [custom, setCustom] = useState('');
  const [person, setPerson] = useState('');
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const role = fixedRole ?? (choice === OTHER ? custom.trim() : choice);
  const holder = role ? incident.roles[role] : undefined;
  const errors = fieldErrorsOf(IncidentCommandSchema.safeParse({ type: 'assignRole', role, person }).error);
  if (holder && person.trim() === holder) errors.person = `${holder} already holds that role`;
  const serverField = formFieldOf(error?.field);
  const show = (f: string) => ((submitted || touched[f]) && errors[f]) || (serverField === f ? error?.message : undefined);
  const base = `console-role-${fixedRole ?? 'new'}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(errors).length) return;
    if (await run({ type: 'assignRole', role, person: person.trim() })) onDone();
  };

  return (
    <form className="console-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={holder ? `Hand over ${roleLabel(role)}` : 'Assign a role'}>
      {!fixedRole && (
        <div className="console-form-row">
          <FormField id={`${base}-role`} label="Role">
            {(p) => (
              <select {...p} className="console-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
                {BUILTIN_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
                <option value={OTHER}>Other role…</option>
              </select>
            )}
          </FormField>
          {choice === OTHER && (
            <FormField id={`${base}-custom`} label="Role name" error={show('role')}>
              {(p) => (
                <input
                  {...p}
                  className="console-input"
                  value={custom}
                  onChange={(e) => {
                    setCustom(e.target.value);
                    setTouched((t) => ({ ...t, role: true }));
                  }}
                />
              )}
            </FormField>
          )}
        </div>
      )}
      <FormField id={`${base}-person`} label={holder ? `Hand over from ${holder} to` : 'Person'} error={show('person')}>
        {(p) => (
          <input
            {...p}
            className="console-input"
            list={`${base}-people`}
            autoComplete="off"
            autoFocus
            value={person}
            onChange={(e) => {
              setPerson(e.target.value);
              setTouched((t) => ({ ...t, person: true }));
            }}
          />
        )}
      </FormField>
      <PeopleOptions id={`${base}-people`} />
      {serverField !== 'person' && serverField !== 'role' && <FormAlert error={error} />}
      <div className="console-form-actions">
        {holder && person.trim() && (
          <span className="console-hint console-grow">
            {holder} hands {roleLabel(role)} role to {person.trim()}
          </span>
        )}
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className="console-button is-primary is-small" disabled={pending}>
          {holder ? 'Hand over' : 'Assign'}
        </button>
      </div>
    </form>
  );
}

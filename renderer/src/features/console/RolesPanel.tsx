import { useState } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { BUILTIN_ROLES, roleLabel } from '../../../../shared/domain/vocabulary';
import { FormAlert } from './FormAlert';
import { samePerson } from './incident-filter';
import { useIncidentCommand, useOperator, useReadOnly } from './hooks';
import { Panel } from './Panel';
import { RoleAssignForm } from './RoleAssignForm';
import './panels.css';
import './forms.css';

/** Built-in roles (held or vacant) and any custom roles held. */
export function RolesPanel({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const operator = useOperator();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [editing, setEditing] = useState<string | undefined>();
  const builtin: readonly string[] = BUILTIN_ROLES;
  const roles = [...builtin, ...Object.keys(incident.roles).filter((r) => !builtin.includes(r)).sort()];

  return (
    <Panel
      id="console-roles"
      title="Roles"
      actions={
        !readOnly && (
          <button type="button" className="console-button is-ghost is-small" aria-expanded={editing === ''} onClick={() => setEditing(editing === '' ? undefined : '')}>
            Assign role…
          </button>
        )
      }
    >
      {editing === '' && <RoleAssignForm incident={incident} onDone={() => setEditing(undefined)} />}
      <ul className="console-plain-list">
        {roles.map((role) => {
          const person = incident.roles[role];
          const label = roleLabel(role);
          return (
            <li key={role} className="console-role-row">
              <span className="console-role-name">{label}</span>
              <span className={person ? 'console-role-person' : 'console-role-person console-muted'}>{person ?? 'Vacant'}</span>
              {!readOnly && (
                <span className="console-row-actions">
                  {!person && operator && (
                    <button
                      type="button"
                      className="console-button is-ghost is-small"
                      aria-label={`Take ${label} role as ${operator}`}
                      disabled={pending}
                      onClick={() => void run({ type: 'assignRole', role, person: operator })}
                    >
                      Take
                    </button>
                  )}
                  <button
                    type="button"
                    className="console-button is-ghost is-small"
                    aria-label={person ? `Hand over ${label} role` : `Assign ${label} role`}
                    aria-expanded={editing === role}
                    onClick={() => setEditing(editing === role ? undefined : role)}
                  >
                    {person ? 'Hand over' : 'Assign'}
                  </button>
                  {person && (
                    <button
                      type="button"
                      className="console-button is-ghost is-small"
                      aria-label={`Release ${label} role${samePerson(person, operator) ? '' : ` from ${person}`}`}
                      disabled={pending}
                      onClick={() => void run({ type: 'releaseRole', role })}
                    >
                      Release
                    </button>
                  )}
                </span>
              )}
              {editing === role && (
                <div className="console-role-form">
                  <RoleAssignForm incident={incident} role={role} onDone={() => setEditing(undefined)} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <FormAlert error={error} />
    </Panel>
  );
}

import { useMemo, useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useWorkspace } from '../../state/workspace-store';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { fieldErrorsOf, formFieldOf } from './form-errors';
import { useIncidentCommand, useOperator, useReadOnly } from './hooks';
import { allTeams, samePerson } from './incident-filter';
import { Panel } from './Panel';
import { PeopleOptions } from './PeopleOptions';
import { useTeamSuggestions } from './people-suggestions';
import { SuggestionList } from './SuggestionList';
import { TimeStamp } from './TimeStamp';
import './panels.css';
import './forms.css';

/** Who is responding (joined/left with times); join and leave. */
export function RespondersPanel({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const operator = useOperator();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [adding, setAdding] = useState(false);
  const active = incident.responders.filter((r) => !r.leftAt);
  const past = incident.responders.filter((r) => r.leftAt);
  const operatorResponding = active.some((r) => samePerson(r.person, operator));

  return (
    <Panel
      id="console-responders"
      title={`Responders (${active.length})`}
      actions={
        !readOnly && (
          <>
            {operator && !operatorResponding && (
              <button type="button" className="console-button is-ghost is-small" disabled={pending} onClick={() => void run({ type: 'joinResponder', person: operator })}>
                Join as {operator}
              </button>
            )}
            <button type="button" className="console-button is-ghost is-small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
              Add responder…
            </button>
          </>
        )
      }
    >
      {adding && <JoinForm incident={incident} onDone={() => setAdding(false)} />}
      {active.length === 0 && !adding && <p className="console-empty">Nobody has joined yet.</p>}
      <ul className="console-plain-list">
        {active.map((r) => (
          <li key={`${r.person}-${r.joinedAt}`} className="console-responder-row">
            <span className="console-responder-person">{r.person}</span>
            <span className="console-muted">{r.team}</span>
            <span className="console-muted console-responder-time">
              joined <TimeStamp iso={r.joinedAt} />
            </span>
            {!readOnly && (
              <button
                type="button"
                className="console-button is-ghost is-small"
                aria-label={`${r.person} leaves`}
                disabled={pending}
                onClick={() => void run({ type: 'leaveResponder', person: r.person })}
              >
                Leave
              </button>
            )}
          </li>
        ))}
      </ul>
      {past.length > 0 && (
        <details className="console-past">
          <summary>Earlier responders ({past.length})</summary>
          <ul className="console-plain-list">
            {past.map((r) => (
              <li key={`${r.person}-${r.joinedAt}`} className="console-responder-row is-past">
                <span className="console-responder-person">{r.person}</span>
                <span className="console-muted">{r.team}</span>
                <span className="console-muted console-responder-time">
                  <TimeStamp iso={r.joinedAt} />–<TimeStamp iso={r.leftAt!} />
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <FormAlert error={error} />
    </Panel>
  );
}

function JoinForm({ incident, onDone }: { incident: IncidentState; onDone: () => void }) {
  const { run, pending, error } = useIncidentCommand(incident.id);
  const incidents = useWorkspace((s) => s.incidents);
  const teams = useTeamSuggestions(useMemo(() => allTeams(Object.values(incidents)), [incidents]));
  const [person, setPerson] = useState('');
  const [team, setTeam] = useState('');
  const [touched, setTouched] = useState(false);
  const errors = fieldErrorsOf(IncidentCommandSchema.safeParse({ type: 'joinResponder', person, team }).error);
  const serverField = formFieldOf(error?.field);
  const personError = (touched ? errors.person : undefined) ?? (serverField === 'person' ? error?.message : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (errors.person || errors.team) return;
    if (await run({ type: 'joinResponder', person: person.trim(), team: team.trim() })) onDone();
  };
  return (
    <form className="console-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a responder">
      <div className="console-form-row">
        <FormField id="console-join-person" label="Person" error={personError}>
          {(p) => (
            <input
              {...p}
              className="console-input"
              list="console-join-people"
              autoComplete="off"
              autoFocus
              value={person}
              onChange={(e) => {
                setPerson(e.target.value);
                setTouched(true);
              }}
            />
          )}
        </FormField>
        <FormField id="console-join-team" label="Team" error={errors.team}>
          {(p) => (
            <>
              <input {...p} className="console-input" list="console-join-teams" autoComplete="off" value={team} onChange={(e) => setTeam(e.target.value)} />
              <SuggestionList id="console-join-teams" suggestions={teams} />
            </>
          )}
        </FormField>
      </div>
      <PeopleOptions id="console-join-people" />
      {serverField !== 'person' && <FormAlert error={error} />}
      <div className="console-form-actions">
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className="console-button is-primary is-small" disabled={pending}>
          Join
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { IncidentCommandSchema } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import { IncidentIdSchema, type RelationKind } from '../../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { useConsole } from './console-store';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { fieldErrorsOf, formFieldOf } from './form-errors';
import { useIncidentCommand, useReadOnly } from './hooks';
import { IncidentIdOptions } from './IncidentIdOptions';
import { Panel } from './Panel';
import { ADDABLE_RELATIONS, RELATION_LABELS } from './relation-labels';
import './panels.css';
import './forms.css';

/** Links to other incidents (parent/child, duplicates, related, cause). */
export function RelationsPanel({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [adding, setAdding] = useState(false);
  const incidents = useWorkspace((s) => s.incidents);
  const select = useConsole((s) => s.select);

  return (
    <Panel
      id="console-relations"
      title={`Related incidents (${incident.relations.length})`}
      actions={
        !readOnly && (
          <button type="button" className="console-button is-ghost is-small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            Link incident…
          </button>
        )
      }
    >
      {adding && <AddRelationForm incident={incident} onDone={() => setAdding(false)} />}
      {incident.relations.length === 0 && !adding && <p className="console-empty">No linked incidents.</p>}
      <ul className="console-plain-list">
        {incident.relations.map((r) => {
          const other = incidents[r.target];
          return (
            <li key={`${r.kind}-${r.target}`} className="console-relation-row">
              <span className="console-relation-kind">{RELATION_LABELS[r.kind]}</span>
              {other ? (
                <button type="button" className="console-link-button" onClick={() => select(other.id)}>
                  <span className="console-mono">{r.target}</span> {other.title}
                </button>
              ) : (
                <span className="console-mono">{r.target}</span>
              )}
              {!readOnly && (
                <button
                  type="button"
                  className="console-button is-ghost is-small"
                  aria-label={`Remove link: ${RELATION_LABELS[r.kind].toLowerCase()} ${r.target}`}
                  disabled={pending}
                  onClick={() => void run({ type: 'removeRelation', kind: r.kind, target: r.target })}
                >
                  Remove
                </button>
              )}
              {r.note && <span className="console-relation-note">{r.note}</span>}
            </li>
          );
        })}
      </ul>
      <FormAlert error={error} />
    </Panel>
  );
}

function AddRelationForm({ incident, onDone }: { incident: IncidentState; onDone: () => void }) {
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [kind, setKind] = useState<RelationKind>('related');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const t = target.trim();
  const errors = fieldErrorsOf(IncidentCommandSchema.safeParse({ type: 'addRelation', kind, target: t, note }).error);
  if (t && !IncidentIdSchema.safeParse(t).success) errors.target ??= 'Not an incident id (like INC-2026-K7Q2-14)';
  if (t === incident.id) errors.target ??= 'An incident cannot relate to itself';
  if (incident.relations.some((r) => r.kind === kind && r.target === t)) errors.target ??= 'That link exists already';
  const serverField = formFieldOf(error?.field);
  const targetError = (touched ? errors.target : undefined) ?? (serverField === 'target' ? error?.message : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length) return;
    if (await run({ type: 'addRelation', kind, target: t, note: note.trim() })) onDone();
  };
  return (
    <form className="console-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Link another incident">
      <div className="console-form-row">
        <FormField id="console-relation-kind" label="This incident is">
          {(p) => (
            <select {...p} className="console-select" value={kind} onChange={(e) => setKind(e.target.value as RelationKind)}>
              {ADDABLE_RELATIONS.map((k) => (
                <option key={k} value={k}>
                  {RELATION_LABELS[k].toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="console-relation-target" label="Incident id" error={targetError}>
          {(p) => (
            <input
              {...p}
              className="console-input"
              list="console-relation-ids"
              autoComplete="off"
              autoFocus
              value={target}
              onChange={(e) => {
                setTarget(e.target.value);
                setTouched(true);
              }}
            />
          )}
        </FormField>
      </div>
      <IncidentIdOptions id="console-relation-ids" exclude={incident.id} />
      <FormField id="console-relation-note" label="Note (optional)" error={errors.note}>
        {(p) => <input {...p} className="console-input" value={note} onChange={(e) => setNote(e.target.value)} />}
      </FormField>
      {serverField !== 'target' && <FormAlert error={error} />}
      <div className="console-form-actions">
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className="console-button is-primary is-small" disabled={pending}>
          Link
        </button>
      </div>
    </form>
  );
}

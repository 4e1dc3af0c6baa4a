import { useState, type FormEvent } from 'react';
import { IMPACT_LABELS, priorityFor, URGENCY_LABELS, type Level } from '../../../../shared/domain/priority';
import { SourceSchema } from '../../../../shared/domain/vocabulary';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { ChipInput } from './ChipInput';
import { useConsole } from './console-store';
import { checkCreate, EMPTY_CREATE, type CreateValues } from './create-form';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { apiErrorOf, formFieldOf } from './form-errors';
import type { ApiErrorBody } from '../../../../shared/contract/api';
import { PeopleOptions } from './PeopleOptions';
import { PriorityMatrix } from './PriorityMatrix';
import './CreateIncidentPanel.css';
import './forms.css';

const LEVELS: readonly Level[] = [1, 2, 3];

/**
 * "New incident": the create form, shown in the main pane in place of the selected incident
 * (the list stays in view). Escape or Discard closes it.
 */
export function CreateIncidentPanel({ onDone }: { onDone: () => void }) {
  const client = useApi();
  const info = useWorkspace((s) => s.info);
  const [values, setValues] = useState<CreateValues>(EMPTY_CREATE);
  const [pending, setPending] = useState({ services: '', tags: '' });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiErrorBody | undefined>();
  const { input, errors } = checkCreate(values, pending);
  const serverField = formFieldOf(serverError?.field);
  const errorOf = (f: string) => ((submitted || touched[f]) && errors[f]) || (serverField === f ? serverError?.message : undefined) || undefined;
  const set = <K extends keyof CreateValues>(key: K, value: CreateValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((t) => ({ ...t, [key]: true }));
    if (serverField === key) setServerError(undefined);
  };
  const matrix = info?.matrix;
  const priority = priorityFor(values.impact, values.urgency, matrix);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (!input) return;
    setBusy(true);
    setServerError(undefined);
    try {
      const created = await client.call('incidents.create', input);
      useWorkspace.getState().upsert([created]);
      const store = useConsole.getState();
      // A new incident must be visible: widen filters that would hide it.
      store.resetFilters();
      store.select(created.id);
      store.announce(`${created.id} created as ${created.priority}`);
      onDone();
    } catch (err) {
      setServerError(apiErrorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="console-create-form"
      aria-labelledby="console-create-title"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onDone();
        }
      }}
      noValidate
    >
      <div className="console-create-head">
        <h2 id="console-create-title">New incident</h2>
        <span className="console-hint">Esc to discard · the list stays live on the left</span>
      </div>
      <div className="console-create-body">
        <div className="console-create-fields">
          <FormField id="console-create-title-input" label="Title" error={errorOf('title')}>
            {(p) => <input {...p} className="console-input" autoFocus value={values.title} onChange={(e) => set('title', e.target.value)} />}
          </FormField>
          <FormField id="console-create-description" label="Description" error={errorOf('description')}>
            {(p) => <textarea {...p} className="console-textarea" rows={3} value={values.description} onChange={(e) => set('description', e.target.value)} />}
          </FormField>
          <div className="console-form-row">
            <FormField id="console-create-category" label="Category" error={errorOf('category')}>
              {(p) => (
                <>
                  <input {...p} className="console-input" list="console-create-categories" autoComplete="off" value={values.category} onChange={(e) => set('category', e.target.value)} />
                  <datalist id="console-create-categories">
                    {(info?.suggestions.categories ?? []).map((c) => (
                      <option key={c} value={c} />
                    ))}
                  </datalist>
                </>
              )}
            </FormField>
            <FormField id="console-create-source" label="Source" error={errorOf('source')}>
              {(p) => (
                <select {...p} className="console-select" value={values.source} onChange={(e) => set('source', e.target.value as CreateValues['source'])}>
                  {SourceSchema.options.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <FormField id="console-create-services" label="Affected services" error={errorOf('services')} hint="Enter or comma adds one; suggestions from earlier incidents">
            {(p) => (
              <ChipInput
                id={p.id}
                itemLabel="Service"
                values={values.services}
                suggestions={info?.suggestions.services ?? []}
                describedBy={p['aria-describedby']}
                invalid={p['aria-invalid']}
                onChange={(v) => set('services', v)}
                onPendingChange={(t) => setPending((x) => ({ ...x, services: t }))}
              />
            )}
          </FormField>
          <div className="console-form-row">
            <FormField id="console-create-reporter" label="Reporter" error={errorOf('reporter')}>
              {(p) => (
                <>
                  <input {...p} className="console-input" list="console-create-people" autoComplete="off" value={values.reporter} onChange={(e) => set('reporter', e.target.value)} />
                  <PeopleOptions id="console-create-people" />
                </>
              )}
            </FormField>
            <FormField id="console-create-tags" label="Tags" error={errorOf('tags')}>
              {(p) => (
                <ChipInput
                  id={p.id}
                  itemLabel="Tag"
                  values={values.tags}
                  describedBy={p['aria-describedby']}
                  invalid={p['aria-invalid']}
                  onChange={(v) => set('tags', v)}
                  onPendingChange={(t) => setPending((x) => ({ ...x, tags: t }))}
                />
              )}
            </FormField>
          </div>
          <div className="console-create-flags">
            <label className="console-check">
              <input type="checkbox" checked={values.major} onChange={(e) => set('major', e.target.checked)} />
              Major incident
            </label>
            <label className="console-check">
              <input type="checkbox" checked={values.exercise} onChange={(e) => set('exercise', e.target.checked)} />
              Exercise
            </label>
          </div>
        </div>
        <div className="console-create-priority">
          <FormField id="console-create-impact" label="Impact" error={errorOf('impact')}>
            {(p) => (
              <select {...p} className="console-select" value={values.impact} onChange={(e) => set('impact', Number(e.target.value) as Level)}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l} — {IMPACT_LABELS[l]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="console-create-urgency" label="Urgency" error={errorOf('urgency')}>
            {(p) => (
              <select {...p} className="console-select" value={values.urgency} onChange={(e) => set('urgency', Number(e.target.value) as Level)}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l} — {URGENCY_LABELS[l]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {matrix && <PriorityMatrix matrix={matrix} impact={values.impact} urgency={values.urgency} />}
          <p className="console-create-result" aria-live="polite">
            <span className="console-label">Resulting priority</span> <PriorityBadge priority={priority} size="lg" />
          </p>
        </div>
      </div>
      <div className="console-create-foot">
        {serverError && !(serverField && serverField in values) ? <FormAlert error={serverError} /> : <span />}
        <div className="console-form-actions">
          <button type="button" className="console-button is-ghost" onClick={onDone}>
            Discard
          </button>
          <button type="submit" className="console-button is-primary" disabled={busy}>
            Create incident
          </button>
        </div>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { STATUS_LABELS, type LifecycleRules, type TransitionRule } from '../../../../shared/domain/lifecycle';
import { FormAlert } from './FormAlert';
import { FormField } from './FormField';
import { formFieldOf } from './form-errors';
import { useIncidentCommand } from './hooks';
import { EMPTY_TRANSITION, planTransition, submitLabel, transitionFields, type TransitionValues } from './transition-plan';
import { IncidentIdOptions } from './IncidentIdOptions';
import './IncidentDetail.css';
import './forms.css';

/** The small form a lifecycle button opens for what the transition requires. */
export function TransitionForm({
  incident,
  rule,
  lifecycle,
  onDone,
}: {
  incident: IncidentState;
  rule: TransitionRule;
  lifecycle: LifecycleRules;
  onDone: () => void;
}) {
  const { run, pending, error } = useIncidentCommand(incident.id);
  const [values, setValues] = useState<TransitionValues>(EMPTY_TRANSITION);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const fields = transitionFields(rule, incident, lifecycle);
  const plan = planTransition(rule, values, incident, lifecycle);
  const serverField = formFieldOf(error?.field);
  const errorOf = (name: string) => (submitted || touched[name] ? plan.errors[name] : undefined) ?? (serverField === name ? error?.message : undefined);
  const set = (patch: Partial<TransitionValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setTouched((t) => ({ ...t, ...Object.fromEntries(Object.keys(patch).map((k) => [fieldName(k), true])) }));
  };
  const idBase = `console-transition-${rule.to}`;
  const visible = [
    ...(fields.reason ? ['reason'] : []),
    ...(fields.resolution ? ['resolution.summary', 'resolution.code'] : []),
    ...(fields.review ? ['review', 'reviewReason'] : []),
    ...(fields.link ? ['link'] : []),
  ];
  const title = `${rule.label}: ${STATUS_LABELS[incident.status]} → ${STATUS_LABELS[rule.to]}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (plan.commands.length === 0) return;
    for (const command of plan.commands) {
      const ok = await run(command);
      if (!ok) return;
    }
    onDone();
  };

  return (
    <form className="console-transition-form" aria-labelledby={`${idBase}-title`} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${idBase}-title`} className="console-panel-title">
        {title}
      </h3>
      {fields.resolution && (
        <div className="console-form-row">
          <FormField id={`${idBase}-code`} label="Resolution code" error={errorOf('resolution.code')}>
            {(p) => (
              <select {...p} className="console-select" value={values.code} onChange={(e) => set({ code: e.target.value })}>
                <option value="">Choose…</option>
                {lifecycle.resolutionCodes.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
      )}
      {fields.resolution && (
        <FormField id={`${idBase}-summary`} label="Resolution summary" error={errorOf('resolution.summary')}>
          {(p) => <textarea {...p} className="console-textarea" rows={2} value={values.summary} onChange={(e) => set({ summary: e.target.value })} />}
        </FormField>
      )}
      {fields.review && (
        <fieldset className="console-fieldset">
          <legend className="console-label">Post-incident review ({incident.priority} needs one before closing)</legend>
          <div className="console-radio-row" aria-describedby={errorOf('review') ? `${idBase}-review-error` : undefined}>
            <label className="console-check">
              <input type="radio" name={`${idBase}-review`} checked={values.review === 'done'} onChange={() => set({ review: 'done' })} />
              Review done
            </label>
            <label className="console-check">
              <input type="radio" name={`${idBase}-review`} checked={values.review === 'waived'} onChange={() => set({ review: 'waived' })} />
              Waive review
            </label>
          </div>
          {errorOf('review') && (
            <span className="console-field-error" id={`${idBase}-review-error`}>
              {errorOf('review')}
            </span>
          )}
          <FormField
            id={`${idBase}-review-reason`}
            label={values.review === 'waived' ? 'Why waive the review' : 'Review note (optional)'}
            error={errorOf('reviewReason')}
          >
            {(p) => <input {...p} className="console-input" value={values.reviewReason} onChange={(e) => set({ reviewReason: e.target.value })} />}
          </FormField>
        </fieldset>
      )}
      {fields.reason && (
        <FormField id={`${idBase}-reason`} label="Reason" error={errorOf('reason')}>
          {(p) => <textarea {...p} className="console-textarea" rows={2} value={values.reason} onChange={(e) => set({ reason: e.target.value })} />}
        </FormField>
      )}
      {fields.link && (
        <FormField
          id={`${idBase}-link`}
          label={fields.linkRequired ? 'Duplicate of (incident id)' : 'Duplicate of (incident id, optional)'}
          error={errorOf('link')}
          hint="Cancel as duplicate: links both incidents"
        >
          {(p) => (
            <>
              <input
                {...p}
                className="console-input"
                list={`${idBase}-link-options`}
                value={values.link}
                autoComplete="off"
                onChange={(e) => set({ link: e.target.value })}
              />
              <IncidentIdOptions id={`${idBase}-link-options`} exclude={incident.id} />
            </>
          )}
        </FormField>
      )}
      {!fields.reason && !fields.resolution && !fields.review && !fields.link && (
        <p className="console-hint">{rule.to === 'closed' ? 'Closing is final: the incident leaves the open list.' : 'Confirm the change.'}</p>
      )}
      <FormAlert error={serverField && visible.includes(serverField) ? undefined : error} />
      <div className="console-form-actions">
        <button type="button" className="console-button is-ghost" onClick={onDone}>
          Dismiss
        </button>
        <button type="submit" className={`console-button ${rule.to === 'cancelled' ? 'is-danger' : 'is-primary'}`} disabled={pending}>
          {submitLabel(rule)}
        </button>
      </div>
    </form>
  );
}

function fieldName(key: string): string {
  if (key === 'summary') return 'resolution.summary';
  if (key === 'code') return 'resolution.code';
  return key;
}

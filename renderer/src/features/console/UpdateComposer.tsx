import { useState, type FormEvent } from 'react';
import { AUDIENCES, DEFAULT_UPDATE_TEMPLATES, fillTemplate, updateText, type Audience, type UpdateTemplates } from '../../../../shared/comms/templates';
import type { IncidentState } from '../../../../shared/domain/incident';
import { formatDuration } from '../../../../shared/sla/describe';
import { useOrgDocuments } from '../../state/org-documents-store';
import { useClock } from '../../ui/clock-store';
import { formatTime } from '../../ui/format';
import { useConsole } from './console-store';
import { FormAlert } from './FormAlert';
import { useIncidentCommand, useReadOnly, useUtc } from './hooks';
import { Panel } from './Panel';
import { nextUpdateIfSent } from './sla-model';
import { SlaCountdown } from './SlaCountdown';
import './Sla.css';
import './panels.css';
import './forms.css';

/** The template for an audience (the organisation's published templates), filled with the incident's facts at `now`. */
export function draftFor(incident: IncidentState, audience: Audience, now: number, utc: boolean, templates: UpdateTemplates = DEFAULT_UPDATE_TEMPLATES): string {
  // Once sent, the next update falls due one cadence later: say when, in the reader's terms.
  const due = nextUpdateIfSent(incident, now);
  const next = due !== undefined ? formatTime(new Date(due).toISOString(), utc) : 'the time we have news';
  return fillTemplate(templates[audience].text, incident, { next, age: formatDuration(Math.max(0, now - Date.parse(incident.createdAt))) });
}

/**
 * "Next update due in 12 min" and a composer: pick the audience, edit the template, send. Sending
 * records a status_update entry, which meets the first-update target and restarts the cadence.
 */
export function UpdateComposer({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const utc = useUtc();
  const { run, pending, error } = useIncidentCommand(incident.id);
  const announce = useConsole((s) => s.announce);
  // The templates published for the organisation (the directory screen edits them); the shipped ones until loaded.
  const templates = useOrgDocuments((s) => s.templates?.current ?? DEFAULT_UPDATE_TEMPLATES);
  const [audience, setAudience] = useState<Audience>('internal');
  const [text, setText] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState<string | undefined>();
  const id = `sla-composer-${incident.id}`;
  const value = text ?? '';
  const missing = !value.trim();

  const pick = (a: Audience) => {
    setAudience(a);
    setText(draftFor(incident, a, useClock.getState().now, utc, templates));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    const ok = await run({ type: 'addEntry', kind: 'status_update', text: updateText(audience, value, templates), occurredAt: null });
    if (ok) {
      setText(undefined);
      setTried(false);
      setSent(templates[audience].label);
      announce(`Status update for ${templates[audience].label.toLowerCase()} recorded on ${incident.id}`);
    }
  };

  return (
    <Panel id={`console-update-${incident.id}`} title="Stakeholder update">
      <div className="sla-composer">
        <div className="sla-composer-due">
          <span className="console-muted">Next update:</span>
          <SlaCountdown incident={incident} which="update" className="sla-update-due" />
        </div>
        {!readOnly &&
          (text === undefined ? (
            <div className="sla-form-row" style={{ justifyContent: 'flex-start' }}>
              <button type="button" className="console-button is-small is-primary" onClick={() => pick(audience)}>
                Write update…
              </button>
              {sent && <span className="console-muted">{sent} update sent; the cadence clock restarted.</span>}
            </div>
          ) : (
            <form className="sla-composer" onSubmit={(e) => void submit(e)} noValidate aria-label="Stakeholder update">
              <fieldset className="sla-audiences">
                <legend className="visually-hidden">Audience</legend>
                {AUDIENCES.map((a) => (
                  <label key={a} className={`sla-audience${a === audience ? ' is-on' : ''}`}>
                    <input type="radio" name={`${id}-audience`} value={a} checked={a === audience} onChange={() => pick(a)} />
                    {templates[a].label}
                  </label>
                ))}
              </fieldset>
              <label className="visually-hidden" htmlFor={`${id}-text`}>
                Update text
              </label>
              <textarea
                id={`${id}-text`}
                className="console-textarea"
                value={value}
                aria-invalid={tried && missing ? true : undefined}
                onChange={(e) => setText(e.target.value)}
              />
              {tried && missing && <span className="console-field-error">Write the update first</span>}
              <FormAlert error={error} />
              <div className="sla-form-row">
                <button type="button" className="console-button is-ghost is-small" onClick={() => setText(undefined)}>
                  Discard
                </button>
                <button type="submit" className="console-button is-small is-primary" disabled={pending}>
                  Send update
                </button>
              </div>
            </form>
          ))}
      </div>
    </Panel>
  );
}

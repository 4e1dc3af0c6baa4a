import { useState, type FormEvent } from 'react';
import type { ApiErrorBody } from '../../../../shared/contract/api';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { useClock } from '../../ui/clock-store';
import { formatDuration } from '../../../../shared/sla/describe';
import { FormAlert } from './FormAlert';
import { apiErrorOf } from './form-errors';
import { useReadOnly } from './hooks';
import { Panel } from './Panel';
import { labelKey, labelOf, parseLabelKey, snapshotOf, viewNow } from './sla-model';
import { ClockText } from './SlaCountdown';
import './Sla.css';
import './panels.css';
import './forms.css';

/** One clock row; ticks on its own. */
function ClockRow({ incident, index }: { incident: IncidentState; index: number }) {
  const key = useClock((s) => {
    const now = viewNow(incident, s.now);
    const clock = snapshotOf(incident, now).clocks[index];
    return clock && clock.state !== 'not_applicable' ? labelKey(labelOf(clock, now)) : '';
  });
  const label = parseLabelKey(key);
  if (!label) return null;
  return (
    <li>
      <ClockText label={label} />
    </li>
  );
}

interface EscalationView {
  level: number;
  name: string;
  levels: string[];
  nextLevel: number | null;
  nextIn: string | null;
  active: boolean;
  paused: boolean;
}

function escalationView(incident: IncidentState, now: number): EscalationView | undefined {
  const s = snapshotOf(incident, now);
  const e = s.escalation;
  const p = s.escalationPolicy;
  if (!e || !p) return undefined;
  const nextIn = e.nextDueAt !== null ? (e.nextDueAt > now ? `in ${formatDuration(e.nextDueAt - now, 'up')}` : 'now') : null;
  return { level: e.level, name: e.current?.name ?? '', levels: p.levels.map((l) => l.name), nextLevel: e.next?.level ?? null, nextIn, active: e.active, paused: e.paused };
}

/** "Level 2 of 3: Duty manager", or "Not escalated". */
export function escalationText(v: Pick<EscalationView, 'level' | 'name' | 'levels'>): string {
  return v.level > 0 ? `Level ${v.level} of ${v.levels.length}${v.name ? `: ${v.name}` : ''}` : 'Not escalated';
}

function EscalationForm({ incident, view, direction, onDone }: { incident: IncidentState; view: EscalationView; direction: 'up' | 'down'; onDone: () => void }) {
  const client = useApi();
  const options =
    direction === 'up'
      ? view.levels.map((name, i) => ({ level: i + 1, name })).filter((o) => o.level > view.level)
      : [{ level: 0, name: 'Not escalated' }, ...view.levels.map((name, i) => ({ level: i + 1, name }))].filter((o) => o.level < view.level);
  const [level, setLevel] = useState(direction === 'up' ? (options[0]?.level ?? 1) : (options[options.length - 1]?.level ?? 0));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiErrorBody | undefined>();
  const [pending, setPending] = useState(false);
  const [tried, setTried] = useState(false);
  const id = `sla-${direction}-${incident.id}`;
  const missing = !reason.trim();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (missing) return;
    setPending(true);
    setError(undefined);
    try {
      const result =
        direction === 'up'
          ? await client.call('incidents.escalate', { id: incident.id, level, reason: reason.trim() })
          : await client.call('incidents.deescalate', { id: incident.id, to: level, reason: reason.trim() });
      useWorkspace.getState().upsert([result]);
      onDone();
    } catch (err) {
      setError(apiErrorOf(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="sla-form" onSubmit={(e) => void submit(e)} noValidate aria-label={direction === 'up' ? 'Escalate' : 'De-escalate'}>
      <div className="console-field">
        <label className="console-label" htmlFor={`${id}-level`}>
          {direction === 'up' ? 'Escalate to' : 'Lower to'}
        </label>
        <select id={`${id}-level`} className="console-select" value={level} onChange={(e) => setLevel(Number(e.target.value))}>
          {options.map((o) => (
            <option key={o.level} value={o.level}>
              {o.level > 0 ? `Level ${o.level}${o.name ? `: ${o.name}` : ''}` : o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="console-field">
        <label className="console-label" htmlFor={`${id}-reason`}>
          Reason
        </label>
        <textarea
          id={`${id}-reason`}
          className="console-textarea"
          rows={2}
          value={reason}
          aria-invalid={tried && missing ? true : undefined}
          aria-describedby={tried && missing ? `${id}-reason-error` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {tried && missing && (
          <span className="console-field-error" id={`${id}-reason-error`}>
            A reason is required
          </span>
        )}
      </div>
      <FormAlert error={error} />
      <div className="sla-form-row">
        <button type="button" className="console-button is-ghost is-small" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className={`console-button is-small${direction === 'up' ? ' is-primary' : ''}`} disabled={pending}>
          {direction === 'up' ? 'Escalate' : 'De-escalate'}
        </button>
      </div>
    </form>
  );
}

/** Every SLA clock of the incident, and its escalation level with manual escalate / de-escalate. */
export function SlaPanel({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const [open, setOpen] = useState<'up' | 'down' | undefined>();
  // Re-derived once a minute (and when the incident changes): level, next level and its countdown.
  useClock((s) => Math.floor(s.now / 60_000));
  const now = viewNow(incident, useClock.getState().now);
  const view = escalationView(incident, now);
  const count = snapshotOf(incident, now).clocks.length;

  return (
    <Panel id={`console-sla-${incident.id}`} title="SLA and escalation">
      <ul className="sla-list" aria-label="SLA clocks">
        {Array.from({ length: count }, (_, i) => (
          <ClockRow key={i} incident={incident} index={i} />
        ))}
      </ul>
      {view && (
        <div className="sla-escalation">
          <div>
            <span className={`sla-escalation-level${view.level > 0 ? ' is-raised' : ''}`} data-testid="escalation-level">
              {escalationText(view)}
            </span>
            {view.active && view.nextLevel !== null && view.nextIn && (
              <span className="console-muted">
                {' '}
                · level {view.nextLevel} {view.paused ? '(paused)' : view.nextIn} without progress
              </span>
            )}
            {!view.active && <span className="console-muted"> · not escalating</span>}
          </div>
          {!readOnly && (
            <div className="sla-escalation-actions">
              <button
                type="button"
                className="console-button is-small"
                aria-expanded={open === 'up'}
                disabled={view.level >= view.levels.length}
                onClick={() => setOpen(open === 'up' ? undefined : 'up')}
              >
                Escalate…
              </button>
              <button type="button" className="console-button is-small" aria-expanded={open === 'down'} disabled={view.level === 0} onClick={() => setOpen(open === 'down' ? undefined : 'down')}>
                De-escalate…
              </button>
            </div>
          )}
          {open && <EscalationForm key={`${open}-${view.level}`} incident={incident} view={view} direction={open} onDone={() => setOpen(undefined)} />}
        </div>
      )}
    </Panel>
  );
}

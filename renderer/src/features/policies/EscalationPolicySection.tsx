import { useMemo, useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../../shared/contract/api';
import type { EscalationPolicyHistory } from '../../../../shared/org/policies';
import { useApi } from '../../api/api-context';
import { usePolicies } from '../../state/policies-store';
import { useWorkspace } from '../../state/workspace-store';
import { EscalationLevelsTable } from './EscalationLevelsTable';
import { escalationDraftOf, escalationErrors, escalationFormOf, matchText, type EscalationForm } from './escalation-form';
import { FieldError, fieldId, invalidProps } from './FieldError';
import { PolicyPublishActions } from './PolicyPublishActions';
import { usePublish } from './use-publish';
import { VersionHistory, versionText } from './VersionHistory';

/** One escalation policy: edit its levels and repeat; Publish makes its next version. */
export function EscalationPolicySection({ history }: { history: EscalationPolicyHistory }) {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const [form, setForm] = useState<EscalationForm>(() => escalationFormOf(history.current));
  const [editedVersion, setEditedVersion] = useState(history.current.version);
  const publishing = usePublish(usePolicies.getState().set);
  const errors = useMemo(() => escalationErrors(form), [form]);
  const hostField = publishing.error?.field?.replace(/^policy\./, '');
  const shown = hostField && publishing.error ? { [hostField]: publishing.error.message, ...errors } : errors;
  const stale = editedVersion !== history.current.version;
  const prefix = `esc-${history.id}`;
  const titleId = `${prefix}-title`;
  const section = `policies-escalation-${history.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(errors).length) {
      document.querySelector<HTMLElement>(`.${section} [aria-invalid="true"]`)?.focus();
      return;
    }
    const state = await publishing.publish(
      () => client.call('policies.publishEscalation', { policy: escalationDraftOf(form) as MethodInput<'policies.publishEscalation'>['policy'] }),
      (s) => s.escalation.find((h) => h.id === history.id)?.current.version ?? 0,
    );
    const mine = state?.escalation.find((h) => h.id === history.id);
    if (mine) setEditedVersion(mine.current.version);
  };
  const reload = () => {
    setForm(escalationFormOf(history.current));
    setEditedVersion(history.current.version);
  };
  const repeatId = fieldId(prefix, 'repeat');
  const nameId = fieldId(prefix, 'name');
  const untilId = fieldId(prefix, 'until');
  const calendar = history.current.calendar.kind === 'business' ? `business hours (${history.current.calendar.timeZone})` : '24/7';

  return (
    <section className={`policies-card ${section}`} aria-labelledby={titleId}>
      <h3 className="policies-card-title" id={titleId}>
        {history.current.name || history.id}
      </h3>
      <p className="policies-muted">
        For {matchText(history.current)}; waits count on a {calendar} calendar. In force for new incidents: {versionText(history.versions[history.versions.length - 1]!, utc)}.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Escalation policy ${history.current.name || history.id}`}>
        <fieldset className="policies-fieldset" disabled={readOnly}>
          <legend className="visually-hidden">Escalation policy {history.id}</legend>
          <div className="policies-row">
            <div className="console-field">
              <label className="console-label" htmlFor={nameId}>
                Policy name
              </label>
              <input id={nameId} className="console-input policies-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} {...invalidProps(nameId, shown.name)} />
              <FieldError id={nameId} message={shown.name} />
            </div>
            <div className="console-field">
              <label className="console-label" htmlFor={untilId}>
                Escalate until
              </label>
              <select id={untilId} className="console-select" value={form.until} onChange={(e) => setForm({ ...form, until: e.target.value === 'acknowledged' ? 'acknowledged' : 'resolved' })}>
                <option value="acknowledged">acknowledged</option>
                <option value="resolved">resolved</option>
              </select>
            </div>
            <div className="console-field">
              <label className="console-label" htmlFor={repeatId}>
                Repeat the sequence (times)
              </label>
              <input id={repeatId} className="console-input policies-minutes" inputMode="numeric" value={form.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value })} {...invalidProps(repeatId, shown.repeat)} />
              <FieldError id={repeatId} message={shown.repeat} />
            </div>
          </div>
          <EscalationLevelsTable form={form} errors={shown} onChange={setForm} />
        </fieldset>
        <PolicyPublishActions publishing={publishing} stale={stale} latest={history.current.version} readOnly={readOnly} onReload={reload} />
      </form>
      <VersionHistory label={`${history.current.name || history.id} versions`} versions={history.versions} />
    </section>
  );
}

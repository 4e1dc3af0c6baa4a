import { useMemo, useState, type FormEvent } from 'react';
import type { SlaPolicyHistory } from '../../../../shared/org/policies';
import type { MethodInput } from '../../../../shared/contract/api';
import { useApi } from '../../api/api-context';
import { usePolicies } from '../../state/policies-store';
import { useWorkspace } from '../../state/workspace-store';
import { CalendarsEditor } from './CalendarsEditor';
import { FieldError, fieldId, invalidProps } from './FieldError';
import { slaDraftOf, slaErrors, slaFormOf, type SlaForm } from './sla-form';
import { SlaTargetsTable } from './SlaTargetsTable';
import { PolicyPublishActions } from './PolicyPublishActions';
import { usePublish } from './use-publish';
import { VersionHistory, versionText } from './VersionHistory';

/** Moves focus to the first field in error, so a keyboard user lands where the fix is needed. */
function focusFirstError(): void {
  document.querySelector<HTMLElement>('.policies-sla [aria-invalid="true"]')?.focus();
}

/** The SLA policy: edit its targets, thresholds and calendars; Publish makes the next version. */
export function SlaPolicySection({ history }: { history: SlaPolicyHistory }) {
  const client = useApi();
  const readOnly = useWorkspace((s) => s.info?.readOnly ?? false);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const [form, setForm] = useState<SlaForm>(() => slaFormOf(history.current));
  const [editedVersion, setEditedVersion] = useState(history.current.version);
  const publishing = usePublish(usePolicies.getState().set);
  const errors = useMemo(() => slaErrors(form), [form]);
  const hostField = publishing.error?.field?.replace(/^policy\./, '');
  const shown = hostField && publishing.error ? { [hostField]: publishing.error.message, ...errors } : errors;
  const current = history.versions[history.versions.length - 1]!;
  // Another PC published meanwhile: the form still holds the version it was opened on.
  const stale = editedVersion !== history.current.version;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(errors).length) return focusFirstError();
    const state = await publishing.publish(
      () => client.call('policies.publishSla', { policy: slaDraftOf(form) as MethodInput<'policies.publishSla'>['policy'] }),
      (s) => s.sla.current.version,
    );
    if (state) setEditedVersion(state.sla.current.version);
  };
  const reload = () => {
    setForm(slaFormOf(history.current));
    setEditedVersion(history.current.version);
  };

  const warnId = fieldId('sla', 'warnAt');
  const nameId = fieldId('sla', 'name');
  return (
    <section className="policies-card policies-sla" aria-labelledby="policies-sla-title">
      <h2 className="policies-card-title" id="policies-sla-title">
        SLA targets
      </h2>
      <p className="policies-muted" data-testid="sla-current-version">
        In force for new incidents: {versionText(current, utc)}. Open incidents keep the version they were created under.
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="SLA policy">
        <div className="policies-row">
          <div className="console-field">
            <label className="console-label" htmlFor={nameId}>
              Policy name
            </label>
            <input id={nameId} className="console-input policies-name" value={form.name} disabled={readOnly} onChange={(e) => setForm({ ...form, name: e.target.value })} {...invalidProps(nameId, shown.name)} />
            <FieldError id={nameId} message={shown.name} />
          </div>
          <div className="console-field">
            <label className="console-label" htmlFor={warnId}>
              Warn at (% of target used)
            </label>
            <input id={warnId} className="console-input policies-warn" value={form.warnAt} disabled={readOnly} placeholder="75, 90" onChange={(e) => setForm({ ...form, warnAt: e.target.value })} {...invalidProps(warnId, shown.warnAt)} />
            <FieldError id={warnId} message={shown.warnAt} />
          </div>
        </div>
        <fieldset className="policies-fieldset" disabled={readOnly}>
          <legend className="policies-subtitle">Targets per priority</legend>
          <SlaTargetsTable form={form} errors={shown} onChange={setForm} />
          <h3 className="policies-subtitle">Business-hours calendars</h3>
          <CalendarsEditor form={form} errors={shown} onChange={setForm} />
        </fieldset>
        <PolicyPublishActions publishing={publishing} stale={stale} latest={history.current.version} readOnly={readOnly} onReload={reload} />
      </form>
      <VersionHistory label="SLA policy versions" versions={history.versions} />
    </section>
  );
}

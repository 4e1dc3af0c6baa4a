import { useMemo, useState } from 'react';
import { ApiError } from '../../../../shared/contract/api';
import { isActive } from '../../../../shared/domain/lifecycle';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';

/** Attach a group to an existing incident, picked by id or title. */
export function AttachForm({ groupId, currentIncidentId, onDone, onCancel }: { groupId: string; currentIncidentId: string | null; onDone: (incidentId: string) => void; onCancel: () => void }) {
  const client = useApi();
  const incidents = useWorkspace((s) => s.incidents);
  const options = useMemo(
    () =>
      Object.values(incidents)
        .filter((i) => isActive(i.status) && i.id !== currentIncidentId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [incidents, currentIncidentId],
  );
  const [incidentId, setIncidentId] = useState('');
  const [otherId, setOtherId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const target = otherId.trim() || incidentId;

  const submit = async () => {
    if (!target) return setError('Choose an incident');
    setBusy(true);
    setError(undefined);
    try {
      const r = await client.call('alerts.attach', { groupId, incidentId: target, reason });
      useWorkspace.getState().upsert([r.incident]);
      onDone(r.incident.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inbox-form"
      aria-label="Attach to incident"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="console-field">
        <span className="console-label">Incident</span>
        <select className="console-select" value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
          <option value="">Choose an open incident…</option>
          {options.map((i) => (
            <option key={i.id} value={i.id}>
              {i.id} — {i.title}
            </option>
          ))}
        </select>
      </label>
      <label className="console-field">
        <span className="console-label">Or incident id</span>
        <input className="console-input" value={otherId} onChange={(e) => setOtherId(e.target.value)} placeholder="INC-2026-…" />
      </label>
      <label className="console-field">
        <span className="console-label">Reason (optional)</span>
        <input className="console-input" value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && (
        <p className="console-alert" role="alert">
          {error}
        </p>
      )}
      <div className="console-form-actions">
        <button type="button" className="console-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="console-button is-primary" disabled={busy || !target}>
          Attach
        </button>
      </div>
    </form>
  );
}

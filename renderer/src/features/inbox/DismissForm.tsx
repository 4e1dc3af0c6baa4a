import { useState } from 'react';
import { ApiError } from '../../../../shared/contract/api';
import { useApi } from '../../api/api-context';

/** Dismiss a group with a reason (a new firing alert or a re-fire brings it back). */
export function DismissForm({ groupId, onDone, onCancel }: { groupId: string; onDone: () => void; onCancel: () => void }) {
  const client = useApi();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await client.call('alerts.dismiss', { groupId, reason });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="inbox-form"
      aria-label="Dismiss alerts"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="console-field">
        <span className="console-label">Reason</span>
        <textarea className="console-textarea" rows={2} value={reason} maxLength={2000} required onChange={(e) => setReason(e.target.value)} placeholder="Why no incident is needed" />
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
        <button type="submit" className="console-button is-danger" disabled={busy || !reason.trim()}>
          Dismiss
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { looksAbsolute, type StoreStatus } from '../../../../shared/contract/store-api';
import { useApi } from '../../api/api-context';
import { apiErrorOf } from '../console/form-errors';
import { FormField } from '../console/FormField';
import { useReadOnly } from '../console/hooks';

/** Chooses this machine's shared folder (used from the next start), and syncs on demand. */
export function SharedFolderForm({ status }: { status: StoreStatus }) {
  const client = useApi();
  const readOnly = useReadOnly();
  // The saved folder, else the one in use (given by a flag or env var): saving it keeps it for later starts.
  const [path, setPath] = useState(status.configuredDir ?? status.activeDir ?? '');
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      await action();
    } catch (err) {
      setError(apiErrorOf(err).message);
    } finally {
      setBusy(false);
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const dir = path.trim();
    // Checked here too so the reason shows before a round trip; the host checks its own platform's rule.
    if (dir && !looksAbsolute(dir)) return setError('Give an absolute path, e.g. /mnt/share/watchfloor or \\\\server\\share\\watchfloor');
    void run(async () => {
      const answer = await client.call('store.setSharedDir', { sharedDir: dir || null });
      setPath(answer.configuredDir ?? '');
      setMessage(answer.message);
    });
  };

  const syncNow = () =>
    void run(async () => {
      const after = await client.call('store.syncNow', {});
      setMessage(after.state === 'connected' ? 'Synced.' : `Could not sync: ${after.detail}`);
    });

  return (
    <form className="settings-form" onSubmit={save} aria-label="Choose the shared folder" noValidate>
      <FormField
        id="settings-share-path"
        label="Shared folder path"
        error={error}
        hint="An absolute path to a folder every PC can reach. Leave it empty to stop sharing. Takes effect when Watchfloor restarts."
      >
        {(props) => (
          <input
            {...props}
            className="console-input settings-path"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="e.g. /mnt/share/watchfloor"
            spellCheck={false}
            autoComplete="off"
            disabled={readOnly}
          />
        )}
      </FormField>
      <div className="settings-actions">
        <button type="submit" className="console-button is-primary" disabled={readOnly || busy}>
          Save
        </button>
        {status.activeDir && (
          <button type="button" className="console-button" onClick={syncNow} disabled={readOnly || busy}>
            Sync now
          </button>
        )}
      </div>
      <p className="settings-saved" role="status" data-testid="settings-share-message">
        {message}
      </p>
      {readOnly && <p className="settings-hint">This connection is read-only (wall token): the shared folder is chosen from a coordinator’s console.</p>}
    </form>
  );
}

import type { StoreStatus } from '../../../../shared/contract/store-api';
import { useStoreStatus } from '../../state/store-status-store';
import { useWorkspace } from '../../state/workspace-store';
import { useNow } from '../../ui/clock-store';
import { clockTime, sharedFolderText, shareTone, timeAgo } from '../../ui/shared-folder-text';
import { SharedFolderForm } from './SharedFolderForm';
import { StoreWarnings } from './StoreWarnings';
import { WritersTable } from './WritersTable';

/** The status bar's words, as a sentence: "Connected · synced 14:02:10 · 2 others online". */
function stateSentence(status: StoreStatus, utc: boolean): string {
  const text = sharedFolderText(status, utc) ?? 'not shared — this machine’s journal only';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A time as "12s ago (14:02:10)", or a dash. */
function When({ iso, utc, now }: { iso: string | null; utc: boolean; now: number }) {
  if (!iso) return <>never</>;
  return (
    <time dateTime={iso} title={new Date(iso).toISOString()}>
      {timeAgo(iso, now)} ({clockTime(iso, utc)})
    </time>
  );
}

/** The shared folder: where it is, how it is, who else writes to it, and what looked wrong. */
export function SharedFolderSection() {
  const status = useStoreStatus((s) => s.status);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const now = useNow();
  return (
    <section className="settings-card" aria-labelledby="settings-share-title">
      <h2 id="settings-share-title" className="settings-card-title">
        Shared folder
      </h2>
      <p className="settings-hint">
        Every PC keeps its own journal and publishes its changes into this folder (usually a network share); every other PC pointed at the same folder
        reads them. Watchfloor keeps working while the folder is away and publishes when it is back.
      </p>
      {!status ? (
        <p className="settings-hint" role="status">
          Loading the shared folder’s status…
        </p>
      ) : (
        <>
          <p className={`settings-share-state is-${shareTone(status)}`} role="status" data-testid="settings-share-state">
            <span className="settings-share-dot" aria-hidden="true" />
            <strong>{stateSentence(status, utc)}</strong>
          </p>
          {status.state !== 'disabled' && status.state !== 'connected' && <p className="settings-detail">{status.detail}</p>}
          <SharedFolderForm status={status} />
          <dl className="settings-facts">
            <dt>Folder in use</dt>
            <dd>{status.activeDir ? <code>{status.activeDir}</code> : 'none — this machine’s journal only'}</dd>
            <dt>Saved for the next start</dt>
            <dd>{status.configuredDir ? <code>{status.configuredDir}</code> : 'none'}</dd>
            <dt>Last sync</dt>
            <dd>
              <When iso={status.lastSyncAt} utc={utc} now={now} />
            </dd>
            <dt>Changes waiting to be published</dt>
            <dd data-testid="settings-pending">{status.pending}</dd>
            <dt>Held back (clock too far ahead)</dt>
            <dd>{status.heldBack}</dd>
            <dt>History on this PC</dt>
            <dd data-testid="settings-history">
              {status.historyLocal ? 'complete — works without the shared folder' : 'not all of it yet — incidents not opened here yet need the shared folder'}
            </dd>
            {status.storeId && (
              <>
                <dt>Store id</dt>
                <dd>
                  <code>{status.storeId}</code>
                </dd>
              </>
            )}
          </dl>
          <WritersTable writers={status.writers} utc={utc} now={now} />
          <StoreWarnings warnings={status.warnings} />
        </>
      )}
    </section>
  );
}

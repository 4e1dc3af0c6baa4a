import { useStoreStatus } from '../../state/store-status-store';
import { useWorkspace } from '../../state/workspace-store';
import { sharedFolderText, shareTone } from '../../ui/shared-folder-text';
import { viewHref } from '../../ui/view-href';
import './SharedFolderStatus.css';

/** The shared folder's state in the status bar (nothing without one); opens the settings view. */
export function SharedFolderStatus() {
  const status = useStoreStatus((s) => s.status);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const text = status && sharedFolderText(status, utc);
  if (!status || !text) return null;
  return (
    <a className={`console-share is-${shareTone(status)}`} href={viewHref('/settings')} title={`${status.detail} — open the shared folder settings`} data-testid="shared-folder-status">
      <span className="console-share-dot" aria-hidden="true" />
      <span className="console-statusbar-label">Shared folder:</span> {text}
    </a>
  );
}

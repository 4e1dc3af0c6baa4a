import { useStoreStatus } from '../../state/store-status-store';
import { useWorkspace } from '../../state/workspace-store';
import { sharedFolderShort, sharedFolderText, shareTone } from '../../ui/shared-folder-text';
import './WallShareState.css';

/** The shared folder's sync state beside LIVE, compact; nothing without a shared folder. */
export function WallShareState() {
  const status = useStoreStatus((s) => s.status);
  const utc = useWorkspace((s) => s.info?.settings.utcEverywhere ?? false);
  const short = status && sharedFolderShort(status, utc);
  if (!status || !short) return null;
  return (
    <span className={`wall-share wall-share--${shareTone(status)}`} title={`Shared folder: ${sharedFolderText(status, utc)}`} data-testid="wall-share-state">
      {short}
    </span>
  );
}

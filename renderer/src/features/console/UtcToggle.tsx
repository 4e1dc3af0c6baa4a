import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { useReadOnly, useUtc } from './hooks';
import './ConsoleHeader.css';

/** Switch every time in the app to UTC (a machine setting, shared with the wall board). */
export function useToggleUtc(): () => Promise<void> {
  const client = useApi();
  return async () => {
    const info = useWorkspace.getState().info;
    if (!info) return;
    const settings = await client.call('settings.update', { utcEverywhere: !info.settings.utcEverywhere });
    const latest = useWorkspace.getState().info;
    if (latest) useWorkspace.setState({ info: { ...latest, settings } });
  };
}

export function UtcToggle() {
  const utc = useUtc();
  const readOnly = useReadOnly();
  const toggle = useToggleUtc();
  const [busy, setBusy] = useState(false);
  return (
    <label className="console-utc" title="Show every time in UTC">
      <input
        type="checkbox"
        role="switch"
        checked={utc}
        disabled={readOnly || busy}
        onChange={() => {
          setBusy(true);
          void toggle()
            .catch(() => undefined)
            .finally(() => setBusy(false));
        }}
      />
      <span className="console-utc-track" aria-hidden="true" />
      <span>UTC everywhere</span>
    </label>
  );
}

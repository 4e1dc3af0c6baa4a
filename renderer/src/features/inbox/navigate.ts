import type { ApiClient } from '../../api/api-client';
import { useWorkspace } from '../../state/workspace-store';
import { useConsole } from '../console/console-store';

/**
 * Goes to a hash route (`#/`, `#/inbox/log`). On a path route of the browser host (`/inbox`) the
 * path would win over the hash, so the path is reset to `/` first (no reload).
 */
export function goTo(hash: string): void {
  const p = location.pathname;
  if (p === '/' || p.endsWith('/index.html')) {
    location.hash = hash;
    return;
  }
  history.pushState(null, '', `/${hash}`);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Opens an incident in the console (loading it first when it is not among the active ones). */
export async function openIncident(client: ApiClient, id: string): Promise<void> {
  if (!useWorkspace.getState().incidents[id]) {
    try {
      useWorkspace.getState().upsert([await client.call('incidents.get', { id })]);
    } catch {
      return;
    }
  }
  useConsole.getState().select(id);
  goTo('#/');
}

import type { StreamMessage } from '../../../shared/contract/stream';
import type { ApiClient } from '../api/api-client';

/**
 * Keeps data loaded from the host fresh: `load` runs now, on every stream message `when` picks
 * (a change here or on another PC) and after a reconnect (messages sent while away are lost).
 * A failed load is left to the next message or reconnect. Returns the disconnect.
 */
export function reloadOn(client: ApiClient, when: (message: StreamMessage) => boolean, load: () => Promise<unknown>): () => void {
  const run = () => void load().catch(() => undefined);
  const offStream = client.subscribe((message) => {
    if (when(message)) run();
  });
  let wasConnected = false;
  const offConnection = client.onConnectionChange((connected) => {
    if (connected && !wasConnected) run();
    wasConnected = connected;
  });
  run();
  return () => {
    offStream();
    offConnection();
  };
}

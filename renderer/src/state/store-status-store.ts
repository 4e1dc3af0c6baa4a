import { create } from 'zustand';
import type { StoreStatus } from '../../../shared/contract/store-api';
import type { ApiClient } from '../api/api-client';

export interface StoreStatusState {
  /** The shared folder's status; undefined until the host answered (or on a host without the method). */
  status: StoreStatus | undefined;
  connect(client: ApiClient): () => void;
}

/**
 * The shared folder's status in the renderer: loaded with `store.status`, then replaced by each
 * `store` stream message; loaded again after a reconnect (messages may have been missed).
 */
export const useStoreStatus = create<StoreStatusState>((set) => ({
  status: undefined,
  connect(client) {
    const load = () =>
      client.call('store.status', {}).then(
        (status) => set({ status }),
        () => undefined, // an older host, or a transient failure: the next message or reconnect fills it in
      );
    const offStream = client.subscribe((message) => {
      if (message.kind === 'store') set({ status: message.status });
    });
    let wasConnected = false;
    const offConnection = client.onConnectionChange((connected) => {
      if (connected && !wasConnected) void load();
      wasConnected = connected;
    });
    void load();
    return () => {
      offStream();
      offConnection();
    };
  },
}));

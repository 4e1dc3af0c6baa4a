import { create } from 'zustand';
import type { StreamMessage } from '../../../../shared/contract/stream';
import type { Notification } from '../../../../shared/notifications/model';
import type { ApiClient } from '../../api/api-client';

export interface NotificationsStore {
  items: Notification[];
  /** Unacknowledged for this operator (all of them, also beyond the listed ones). */
  unacknowledged: number;
  loaded: boolean;
  error: string | undefined;
  open: boolean;
  setOpen(open: boolean): void;
  /** Loads the centre and follows the stream; `onAdded` sees each new notification meant for the operator. */
  connect(client: ApiClient, onAdded?: (added: Notification[]) => void): () => void;
  refresh(): Promise<void>;
  acknowledge(ids: readonly string[] | 'all'): Promise<void>;
}

let client: ApiClient | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** The notification centre's state in the renderer; the host derives and stores, this mirrors. */
export const useNotifications = create<NotificationsStore>((set, get) => ({
  items: [],
  unacknowledged: 0,
  loaded: false,
  error: undefined,
  open: false,
  setOpen: (open) => set({ open }),

  async refresh() {
    if (!client) return;
    try {
      const r = await client.call('notifications.list', { limit: 200 });
      set({ items: Array.isArray(r?.notifications) ? r.notifications : [], unacknowledged: typeof r?.unacknowledged === 'number' ? r.unacknowledged : 0, loaded: true, error: undefined });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },

  async acknowledge(ids) {
    if (!client) return;
    const all = ids === 'all';
    const wanted = new Set(all ? [] : ids);
    // Shown at once; the host's answer (and the stream) confirm it.
    set({ items: get().items.map((n) => (all || wanted.has(n.id) ? { ...n, acknowledged: true } : n)) });
    try {
      const r = await client.call('notifications.acknowledge', all ? { all: true } : { ids: [...wanted] });
      if (typeof r?.unacknowledged === 'number') set({ unacknowledged: r.unacknowledged });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
      await get().refresh();
    }
  },

  connect(c, onAdded) {
    client = c;
    const later = () => {
      if (refreshTimer) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void get().refresh(), 150);
    };
    const off = c.subscribe((m: StreamMessage) => {
      if (m.kind === 'notifications') {
        if (m.added.length && onAdded) onAdded(m.added);
        later(); // the host knows whose they are and what is acknowledged: ask it
      } else if (m.kind === 'settings' || m.kind === 'clock') later();
    });
    let wasConnected = false;
    let everConnected = false;
    const offConnection = c.onConnectionChange((connected) => {
      if (connected && !wasConnected && everConnected) later(); // reconnected: catch up on what was missed
      if (connected) everConnected = true;
      wasConnected = connected;
    });
    void get().refresh();
    return () => {
      off();
      offConnection();
      if (refreshTimer) clearTimeout(refreshTimer);
    };
  },
}));

import { create } from 'zustand';
import type { AlertGroupDto } from '../../../../shared/contract/alerts-api';
import type { ApiClient } from '../../api/api-client';

/** The alert inbox as this window knows it: loaded once, then kept current by `alerts` stream messages. */
export interface InboxStore {
  groups: Record<string, AlertGroupDto>;
  loaded: boolean;
  error: string | undefined;
  selectedId: string | undefined;
  dedupWindowMinutes: number;
  connect(client: ApiClient): () => void;
  reload(client: ApiClient): Promise<void>;
  upsert(groups: readonly AlertGroupDto[]): void;
  select(id: string | undefined): void;
}

export const useInbox = create<InboxStore>((set, get) => ({
  groups: {},
  loaded: false,
  error: undefined,
  selectedId: undefined,
  dedupWindowMinutes: 15,

  async reload(client) {
    try {
      const r = await client.call('alerts.inbox', { view: 'all', limit: 5000 });
      set({ groups: Object.fromEntries(r.groups.map((g) => [g.id, g])), loaded: true, error: undefined, dedupWindowMinutes: r.dedupWindowMinutes });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err), loaded: true });
    }
  },

  upsert(groups) {
    if (groups.length === 0) return;
    set({ groups: { ...get().groups, ...Object.fromEntries(groups.map((g) => [g.id, g])) } });
  },

  select: (id) => set({ selectedId: id }),

  connect(client) {
    const off = client.subscribe((m) => {
      if (m.kind !== 'alerts') return;
      if (m.truncated) void get().reload(client);
      else get().upsert(m.groups);
    });
    const offConnection = client.onConnectionChange((connected) => {
      if (connected) void get().reload(client); // after a reconnect, nothing missed stays missing
    });
    void get().reload(client);
    return () => {
      off();
      offConnection();
    };
  },
}));

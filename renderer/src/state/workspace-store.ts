import { create } from 'zustand';
import type { WorkspaceInfo } from '../../../shared/contract/api';
import type { IncidentState } from '../../../shared/domain/incident';
import type { ApiClient } from '../api/api-client';
import { setClockOffset } from '../ui/clock-store';

export interface WorkspaceStore {
  info: WorkspaceInfo | undefined;
  /** Active incidents (and any others touched while the app runs), by id. */
  incidents: Record<string, IncidentState>;
  /** The active incidents have arrived at least once (until then an empty board means "loading", not "all clear"). */
  incidentsLoaded: boolean;
  connected: boolean;
  loadError: string | undefined;
  /** Connects to the backend: loads the workspace and follows live changes. */
  connect(client: ApiClient): () => void;
  /**
   * Asks for the list of active incidents (the views that show them: console, wall board, inbox).
   * Other views never load it: with thousands of open incidents it is tens of megabytes.
   */
  wantIncidents(): void;
  upsert(incidents: readonly IncidentState[]): void;
}

/** Set by connect: loads the active incidents through the connected client. */
let loadActiveIncidents: (() => Promise<void>) | undefined;
let incidentsWanted = false;

export const useWorkspace = create<WorkspaceStore>((set, get) => ({
  info: undefined,
  incidents: {},
  incidentsLoaded: false,
  connected: false,
  loadError: undefined,

  upsert(incidents) {
    if (incidents.length === 0) return;
    const next = { ...get().incidents };
    for (const i of incidents) {
      // Keep the object identity when nothing changed, so memoised tiles and rows skip rendering.
      if (next[i.id]?.version !== i.version) next[i.id] = i;
    }
    set({ incidents: next });
  },

  wantIncidents() {
    if (incidentsWanted) return;
    incidentsWanted = true;
    void loadActiveIncidents?.();
  },

  connect(client) {
    const failed = (err: unknown) => set({ loadError: err instanceof Error ? err.message : String(err) });
    loadActiveIncidents = () =>
      client.call('incidents.list', { scope: 'active' }).then((list) => {
        get().upsert(list.incidents);
        set({ incidentsLoaded: true });
      }, failed);
    const load = async () => {
      // Each half is used as soon as it arrives: views that need only the info do not wait for the incidents.
      await Promise.all([
        client.call('workspace.info', {}).then((info) => {
          if (info.now !== undefined) setClockOffset(info.now - Date.now());
          set({ info, loadError: undefined });
        }, failed),
        incidentsWanted ? loadActiveIncidents?.() : undefined,
      ]);
    };
    const offStream = client.subscribe((message) => {
      if (message.kind === 'incidents') get().upsert(message.incidents);
      // workspace.info carries the priority matrix and lifecycle rules in force: a published version
      // reaches the create forms and the console's status buttons and resolution codes at once.
      if (message.kind === 'settings' || (message.kind === 'org' && message.documents.some((d) => d === 'matrix' || d === 'lifecycle')))
        void client.call('workspace.info', {}).then((info) => set({ info }));
      if (message.kind === 'clock') setClockOffset(message.now - Date.now());
    });
    const offConnection = client.onConnectionChange((connected) => {
      const wasConnected = get().connected;
      set({ connected });
      if (connected && !wasConnected) void load(); // (re)load after a reconnect so nothing missed stays missing
    });
    void load();
    return () => {
      loadActiveIncidents = undefined;
      offStream();
      offConnection();
    };
  },
}));

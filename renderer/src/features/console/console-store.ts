import { create } from 'zustand';
import type { EntryKind } from '../../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { DEFAULT_FILTERS, type ConsoleFilters } from './incident-filter';
import { loadSeen, pruneSeen, saveSeen, type SeenVersions } from './seen-versions';
import { DEFAULT_TIMELINE_FILTERS, type TimelineFilters } from './timeline-model';

/** Unsaved quick-entry text, kept per incident while the operator switches between them. */
export interface QuickDraft {
  kind: EntryKind;
  text: string;
  /** datetime-local value for backdating; '' = now. */
  occurredAt: string;
}

export const EMPTY_DRAFT: QuickDraft = { kind: 'note', text: '', occurredAt: '' };

export const OPERATOR_STORAGE_KEY = 'watchfloor.operator';

const storage = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

export interface ConsoleStore {
  selectedId: string | undefined;
  filters: ConsoleFilters;
  timelineFilters: TimelineFilters;
  drafts: Record<string, QuickDraft>;
  seen: SeenVersions;
  /** Browser mode: the operator name this browser sends as author (localStorage). */
  browserOperator: string | undefined;
  paletteOpen: boolean;
  createOpen: boolean;
  /** Bumped to ask the quick-entry box to take focus. */
  quickEntryFocus: number;
  /** Polite screen-reader announcement (selection changes by shortcut, saves). */
  announcement: string;

  select(id: string | undefined): void;
  markSeen(id: string, version: string): void;
  setFilters(patch: Partial<ConsoleFilters>): void;
  resetFilters(): void;
  setTimelineFilters(patch: Partial<TimelineFilters>): void;
  setDraft(id: string, patch: Partial<QuickDraft>): void;
  clearDraft(id: string): void;
  setBrowserOperator(name: string): void;
  setPaletteOpen(open: boolean): void;
  setCreateOpen(open: boolean): void;
  focusQuickEntry(): void;
  announce(text: string): void;
}

export const useConsole = create<ConsoleStore>((set, get) => ({
  selectedId: undefined,
  filters: DEFAULT_FILTERS,
  timelineFilters: DEFAULT_TIMELINE_FILTERS,
  drafts: {},
  seen: loadSeen(storage()),
  browserOperator: storage()?.getItem(OPERATOR_STORAGE_KEY) ?? undefined,
  paletteOpen: false,
  createOpen: false,
  quickEntryFocus: 0,
  announcement: '',

  select(id) {
    set({ selectedId: id, createOpen: false });
    const incident = id ? useWorkspace.getState().incidents[id] : undefined;
    if (incident) get().markSeen(incident.id, incident.version);
  },
  markSeen(id, version) {
    if (get().seen[id] === version) return;
    // Only incidents the console still knows are worth remembering (closed ones drop out).
    const seen = pruneSeen({ ...get().seen, [id]: version }, [id, ...Object.keys(useWorkspace.getState().incidents)]);
    set({ seen });
    saveSeen(storage(), seen);
  },
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  resetFilters: () => set({ filters: DEFAULT_FILTERS }),
  setTimelineFilters: (patch) => set({ timelineFilters: { ...get().timelineFilters, ...patch } }),
  setDraft(id, patch) {
    const current = get().drafts[id] ?? EMPTY_DRAFT;
    set({ drafts: { ...get().drafts, [id]: { ...current, ...patch } } });
  },
  clearDraft(id) {
    const current = get().drafts[id];
    // Keep the chosen kind: operators often log several entries of one kind in a row.
    set({ drafts: { ...get().drafts, [id]: { ...EMPTY_DRAFT, kind: current?.kind ?? 'note' } } });
  },
  setBrowserOperator(name) {
    storage()?.setItem(OPERATOR_STORAGE_KEY, name);
    set({ browserOperator: name });
  },
  setPaletteOpen: (open) => set({ paletteOpen: open }),
  setCreateOpen: (open) => set({ createOpen: open }),
  focusQuickEntry: () => set({ quickEntryFocus: get().quickEntryFocus + 1 }),
  announce: (text) => set({ announcement: text }),
}));

/** Inside Electron the preload bridge exists; otherwise this is the browser host. */
export function isBrowserMode(): boolean {
  return typeof window !== 'undefined' && !window.watchfloor;
}

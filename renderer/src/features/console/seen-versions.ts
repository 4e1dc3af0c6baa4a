/** incident id → the incident version the operator last looked at. */
export type SeenVersions = Record<string, string>;

export const SEEN_STORAGE_KEY = 'watchfloor.console.seen';

/** Something changed since the operator last selected the incident (or they never have). */
export function changedSinceSeen(version: string, seen: string | undefined): boolean {
  return seen === undefined || seen < version;
}

export function loadSeen(storage: Pick<Storage, 'getItem'> | undefined): SeenVersions {
  try {
    const raw = storage?.getItem(SEEN_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
  } catch {
    return {};
  }
}

/** Keeps only incidents still known, so the stored map does not grow forever. */
export function pruneSeen(seen: SeenVersions, knownIds: Iterable<string>): SeenVersions {
  const keep = new Set(knownIds);
  return Object.fromEntries(Object.entries(seen).filter(([id]) => keep.has(id)));
}

export function saveSeen(storage: Pick<Storage, 'setItem'> | undefined, seen: SeenVersions): void {
  try {
    storage?.setItem(SEEN_STORAGE_KEY, JSON.stringify(seen));
  } catch {
    /* storage full or disabled: the indicator just resets next start */
  }
}

import { useCallback, useSyncExternalStore } from 'react';

/** Acknowledged attention keys, per board, kept in this browser only (the wall never writes to incidents). */
const PREFIX = 'watchfloor.wall.acknowledged.';
/** Newest keys kept; older ones belong to long-gone occurrences. */
const MAX_KEYS = 1000;

const listeners = new Set<() => void>();
const snapshots = new Map<string, { raw: string | null; set: ReadonlySet<string> }>();
const EMPTY: ReadonlySet<string> = new Set();

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: acknowledgements last until reload
  }
}

const memory = new Map<string, string>();

function readRaw(key: string): string | null {
  const s = storage();
  return s ? s.getItem(key) : (memory.get(key) ?? null);
}

function snapshot(boardKey: string): ReadonlySet<string> {
  const key = PREFIX + boardKey;
  const raw = readRaw(key);
  const hit = snapshots.get(key);
  if (hit && hit.raw === raw) return hit.set;
  let set = EMPTY;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) set = new Set(parsed.filter((x): x is string => typeof x === 'string'));
  } catch {
    /* unreadable: start over */
  }
  snapshots.set(key, { raw, set });
  return set;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) onChange(); // another tab of the same board
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useAcknowledgements(boardKey: string): [ReadonlySet<string>, (keys: readonly string[]) => void] {
  const acknowledged = useSyncExternalStore(subscribe, () => snapshot(boardKey), () => EMPTY);
  const acknowledge = useCallback(
    (keys: readonly string[]) => {
      const current = snapshot(boardKey);
      const fresh = keys.filter((k) => !current.has(k));
      if (!fresh.length) return;
      const next = JSON.stringify([...current, ...fresh].slice(-MAX_KEYS));
      const s = storage();
      try {
        if (s) s.setItem(PREFIX + boardKey, next);
        else memory.set(PREFIX + boardKey, next);
      } catch {
        memory.set(PREFIX + boardKey, next);
      }
      for (const l of listeners) l();
    },
    [boardKey],
  );
  return [acknowledged, acknowledge];
}

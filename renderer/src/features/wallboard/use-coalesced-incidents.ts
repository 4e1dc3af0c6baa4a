import { useEffect, useState } from 'react';
import { useWorkspace, type WorkspaceStore } from '../../state/workspace-store';

/** Incident changes reach the board at most this often (ms); the first after a quiet spell at once. */
export const BOARD_UPDATE_MS = 250;

/**
 * The store's incidents, coalesced: a change after a quiet spell (≥ `ms` since the last one
 * shown) is taken at once; during a burst of stream messages (one task each) the board takes the
 * latest state at most every `ms`, instead of rebuilding for each message. `ms` = 0: every change.
 */
export function useCoalescedIncidents(ms: number): WorkspaceStore['incidents'] {
  const [incidents, setIncidents] = useState(() => useWorkspace.getState().incidents);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = -Infinity;
    const take = () => {
      timer = undefined;
      last = performance.now();
      setIncidents(useWorkspace.getState().incidents);
    };
    const unsubscribe = useWorkspace.subscribe((s, prev) => {
      if (s.incidents === prev.incidents || timer !== undefined) return;
      const wait = last + ms - performance.now();
      if (wait <= 0) take();
      else timer = setTimeout(take, wait);
    });
    setIncidents(useWorkspace.getState().incidents); // anything that changed between the first render and now
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [ms]);
  return incidents;
}

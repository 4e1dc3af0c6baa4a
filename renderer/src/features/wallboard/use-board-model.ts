import { useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { isActive } from '../../../../shared/domain/lifecycle';
import { buildBoard, type BoardModel } from '../../../../shared/wallboard/board-model';
import { matchesFilters, type BoardFilters } from '../../../../shared/wallboard/filters';
import { latestSignificant, type TickerItem } from '../../../../shared/wallboard/ticker';
import { useClock } from '../../ui/clock-store';
import { BOARD_UPDATE_MS, useCoalescedIncidents } from './use-coalesced-incidents';

const TICKER_ITEMS = 6;

const NO_INCIDENTS: IncidentState[] = [];

const sameTicker = (a: readonly TickerItem[], b: readonly TickerItem[]) => a.length === b.length && a.every((t, i) => t.key === b[i]!.key && t.text === b[i]!.text && t.priority === b[i]!.priority);

/**
 * The incidents this board shows (active, matching its filters) and its ticker. Re-computed only
 * when incidents change; the ticker keeps its identity while its items are the same, so most
 * incident changes do not re-render it.
 */
function useBoardIncidents(filters: BoardFilters, coalesceMs: number): { active: IncidentState[]; ticker: readonly TickerItem[] } {
  const all = useCoalescedIncidents(coalesceMs);
  const previous = useRef<readonly TickerItem[]>([]);
  const computed = useMemo(() => {
    const matching = Object.values(all).filter((i) => matchesFilters(i, filters));
    const active = matching.filter((i) => isActive(i.status));
    // Resolutions and cancellations are news too, so the ticker also reads inactive incidents.
    return { active: active.length ? active : NO_INCIDENTS, ticker: latestSignificant(matching, TICKER_ITEMS) };
  }, [all, filters]);
  const ticker = sameTicker(computed.ticker, previous.current) ? previous.current : computed.ticker;
  useEffect(() => {
    previous.current = ticker;
  }, [ticker]);
  return { active: computed.active, ticker };
}

/**
 * The board's model (SLA evaluation, order, counts), rebuilt when incidents change and when the
 * earliest SLA change falls due (`summary.nextChangeAt`: a warning level reached, a breach, a
 * business-hours boundary) — never on an ordinary tick. The deadline is watched with one
 * comparison per tick of the shared clock (no timer per tile; a jump of the host clock offset is
 * seen at once). Incident changes are coalesced (BOARD_UPDATE_MS). With `rerenderAll` (benchmark
 * baseline only) the model is rebuilt afresh on every tick and for every change.
 */
export function useBoardModel(filters: BoardFilters, rerenderAll: boolean): { model: BoardModel; ticker: readonly TickerItem[] } {
  const { active, ticker } = useBoardIncidents(filters, rerenderAll ? 0 : BOARD_UPDATE_MS);
  const [evaluatedAt, setEvaluatedAt] = useState(() => useClock.getState().now);
  const tick = useClock((s) => (rerenderAll ? s.now : 0));
  const model = useMemo(
    () => buildBoard(active, rerenderAll ? tick : Math.max(evaluatedAt, useClock.getState().now), { fresh: rerenderAll }),
    [active, evaluatedAt, tick, rerenderAll],
  );
  const due = model.summary.nextChangeAt;
  useEffect(() => {
    if (rerenderAll || !Number.isFinite(due)) return undefined;
    const check = (s: { now: number }) => {
      if (s.now >= due) setEvaluatedAt(s.now);
    };
    check(useClock.getState());
    return useClock.subscribe(check);
  }, [due, rerenderAll]);
  return { model, ticker };
}
